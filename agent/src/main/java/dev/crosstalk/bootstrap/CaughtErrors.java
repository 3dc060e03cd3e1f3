package dev.crosstalk.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * The first throwables the agent caught in its own code, kept as text (class, message, top frames)
 * so that an agent error can be acted on without holding the throwable, and whatever it references,
 * for the life of the JVM.
 */
final class CaughtErrors {
    static final int MAX_KEPT = 10;
    static final int MAX_FRAMES = 6;
    private static final int MAX_MESSAGE = 300;

    private static final List<String> KEPT = new ArrayList<>(MAX_KEPT);

    private CaughtErrors() {
    }

    static void keep(Throwable t) {
        synchronized (KEPT) {
            if (KEPT.size() >= MAX_KEPT) {
                return;
            }
        }
        String text = describe(t);
        synchronized (KEPT) {
            if (KEPT.size() < MAX_KEPT) {
                KEPT.add(text);
            }
        }
    }

    /** {@code java.lang.IllegalStateException: message at a.B.c(B.java:12) <- ...}: one line. */
    static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getName());
        String message = t.getMessage() == null ? null : t.getMessage().replace('\n', ' ');
        if (message != null) {
            b.append(": ").append(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message);
        }
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < frames.length && i < MAX_FRAMES; i++) {
            b.append(i == 0 ? " at " : " <- ").append(frames[i]);
        }
        return b.toString();
    }

    static List<String> kept() {
        synchronized (KEPT) {
            return new ArrayList<>(KEPT);
        }
    }
}
