package dev.crosstalk.agent.userdata;

import java.util.BitSet;

/**
 * Write sites in methods that read the clock ({@code System.currentTimeMillis()}, {@code new Date()},
 * {@code Instant.now()} …) before the write: a value refreshed there by whichever request comes
 * first is the clock's, not a request's, unless a request's input was followed into it.
 */
public final class ClockSites {
    private static final BitSet SITES = new BitSet();

    private ClockSites() {
    }

    /** Notes that the write site {@code site} follows a read of the clock in its method. */
    public static void add(int site) {
        synchronized (SITES) {
            SITES.set(site);
        }
    }

    /** Whether the write site {@code site} follows a read of the clock in its method. */
    public static boolean contains(int site) {
        synchronized (SITES) {
            return SITES.get(site);
        }
    }

    /** Whether the call {@code owner.name desc} reads the clock. */
    public static boolean readsClock(String owner, String name, String desc) {
        switch (owner) {
            case "java/lang/System":
                return name.equals("currentTimeMillis") || name.equals("nanoTime");
            case "java/time/Instant":
            case "java/time/LocalDateTime":
            case "java/time/LocalDate":
            case "java/time/LocalTime":
            case "java/time/ZonedDateTime":
            case "java/time/OffsetDateTime":
                return name.equals("now");
            case "java/time/Clock":
                return name.equals("millis") || name.equals("instant");
            case "java/util/Date":
                return name.equals("<init>") && desc.equals("()V");
            default:
                return false;
        }
    }
}
