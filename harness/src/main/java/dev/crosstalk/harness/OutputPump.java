package dev.crosstalk.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Drains one output stream of a child process into a file and a bounded in-memory tail, and hands
 * complete lines to a listener.
 *
 * <p>Draining must never stop while the child runs: a full pipe would block the app mid-write.
 */
final class OutputPump {

    /** How much of the most recent output {@link #text()} keeps. */
    static final int TAIL_CHARS = 2 * 1024 * 1024;

    // A line only matters to the listener when it is short (LISTENING port=N); cap what is buffered for it.
    private static final int MAX_LINE_CHARS = 64 * 1024;

    private final StringBuilder tail = new StringBuilder();
    private final Thread thread;

    private OutputPump(InputStream in, Writer file, String name, Consumer<String> lineListener) {
        this.thread = new Thread(() -> pump(in, file, lineListener), name);
        thread.setDaemon(true);
    }

    /** Starts draining {@code in} into {@code file}, which the pump closes at end of stream. */
    static OutputPump start(InputStream in, Writer file, String name, Consumer<String> lineListener) {
        OutputPump pump = new OutputPump(in, file, name, lineListener);
        pump.thread.start();
        return pump;
    }

    /** The output read so far, at most the last {@link #TAIL_CHARS} characters. */
    String text() {
        synchronized (tail) {
            return tail.substring(Math.max(0, tail.length() - TAIL_CHARS));
        }
    }

    /** Waits until the stream reached end of file; false when it had not within {@code limit}. */
    boolean awaitDrained(Duration limit) throws InterruptedException {
        thread.join(Math.max(1, limit.toMillis()));
        return !thread.isAlive();
    }

    private void pump(InputStream in, Writer file, Consumer<String> lineListener) {
        Writer out = file;
        StringBuilder line = new StringBuilder();
        char[] buf = new char[8192];
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n; (n = reader.read(buf)) >= 0; ) {
                out = writeQuietly(out, buf, n);
                append(buf, n);
                splitLines(buf, n, line, lineListener);
            }
        } catch (IOException e) {
            // The stream closes under us when the process is destroyed; what was read is kept.
        } finally {
            closeQuietly(out);
        }
    }

    private void append(char[] buf, int n) {
        synchronized (tail) {
            tail.append(buf, 0, n);
            // Trimming only at twice the limit keeps appends amortised O(n) for chatty apps.
            if (tail.length() > 2 * TAIL_CHARS) {
                tail.delete(0, tail.length() - TAIL_CHARS);
            }
        }
    }

    private static void splitLines(char[] buf, int n, StringBuilder line, Consumer<String> lineListener) {
        for (int i = 0; i < n; i++) {
            char c = buf[i];
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                lineListener.accept(line.toString());
                line.setLength(0);
            } else if (line.length() < MAX_LINE_CHARS) {
                line.append(c);
            }
        }
    }

    // A failing disk must not stop the draining, so file errors only end the file copy.
    private static Writer writeQuietly(Writer out, char[] buf, int n) {
        if (out == null) {
            return null;
        }
        try {
            out.write(buf, 0, n);
            out.flush(); // so the file can be read while the app runs
            return out;
        } catch (IOException e) {
            closeQuietly(out);
            return null;
        }
    }

    static void closeQuietly(Writer out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // Nothing left to save.
            }
        }
    }
}
