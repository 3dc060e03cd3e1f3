package dev.crosstalk.agent.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What one output (named by its option: {@code text}, {@code json}, {@code report}) could not write
 * during the run. The first failure of a spell is said once, with its reason; while it lasts the
 * output tries again at most once per {@link #RETRY_MILLIS}, and everything it could not write is
 * counted, for the summary line and the report. Nothing is lost without a word.
 */
public final class WriteTrouble {
    /** How often a failing output tries again; what comes in between is counted, not attempted. */
    static final long RETRY_MILLIS = 1_000;

    private final String option;
    private final String target;
    private final String unit;
    private final Consumer<String> say;
    private final LongSupplier clock;
    private long notWritten;
    private String reason;
    private boolean failing;
    private long nextTry;

    /**
     * @param option the option naming the output, as the user wrote it
     * @param target the path written to
     * @param unit   what is counted, plural ({@code events}, {@code reports})
     * @param say    where the one line per spell goes (stderr: the failing output may be the text one)
     */
    public WriteTrouble(String option, String target, String unit, Consumer<String> say) {
        this(option, target, unit, say, System::currentTimeMillis);
    }

    WriteTrouble(String option, String target, String unit, Consumer<String> say, LongSupplier clock) {
        this.option = option;
        this.target = target;
        this.unit = unit;
        this.say = say;
        this.clock = clock;
    }

    /** Whether to attempt a write now: always while healthy, at the bounded rate while failing. */
    public synchronized boolean mayTry() {
        return !failing || clock.getAsLong() >= nextTry;
    }

    /** One item was not written because of {@code error}; the first of a spell is said. */
    public synchronized void failed(Throwable error) {
        notWritten++;
        reason = reason(error);
        nextTry = clock.getAsLong() + RETRY_MILLIS;
        if (!failing) {
            failing = true;
            say.accept("crosstalk: option '" + option + "': cannot write " + target + " (" + reason + "); what it"
                    + " cannot write is counted in the summary, and it keeps trying");
        }
    }

    /** One item was not attempted while failing (between two tries). */
    public synchronized void skipped() {
        notWritten++;
    }

    /** The last item counted was a second try of one counted already: count it once. */
    public synchronized void alreadyCounted() {
        notWritten--;
    }

    /** A write went through; ends a spell of failures with one line. */
    public synchronized void succeeded() {
        if (failing) {
            failing = false;
            say.accept("crosstalk: option '" + option + "': writing " + target + " again; " + notWritten + " " + unit
                    + " not written so far (" + reason + ")");
        }
    }

    /** How many were not written so far. */
    public synchronized long notWritten() {
        return notWritten;
    }

    /** Whether the latest attempt failed. */
    public synchronized boolean failing() {
        return failing;
    }

    /** For the summary line: {@code json: 12 events not written (No space left on device)}, or null. */
    public synchronized String summary() {
        return notWritten == 0 ? null : option + ": " + notWritten + " " + (notWritten == 1 ? singular() : unit)
                + " not written (" + reason + ")";
    }

    private String singular() {
        return unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }

    /** For the report's summary: {@code {"count": 12, "unit": "events", "reason": "...", "target": "..."}}. */
    public synchronized Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", notWritten);
        m.put("unit", unit);
        m.put("reason", reason);
        m.put("target", target);
        return m;
    }

    /**
     * The operating system's words for why a file could not be written ({@code No space left on
     * device}, {@code Permission denied}); NIO's exceptions often carry only a path and their class.
     */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof NoSuchFileException) {
                return "No such file or directory: " + f.getFile();
            }
            if (e instanceof AccessDeniedException) {
                return "Permission denied: " + f.getFile();
            }
            if (e instanceof NotDirectoryException) {
                return "Not a directory: " + f.getFile();
            }
            if (e instanceof FileAlreadyExistsException) {
                return "exists and is not a directory: " + f.getFile();
            }
            return e.getClass().getSimpleName() + ": " + f.getFile();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return String.valueOf(e);
    }
}
