package dev.crosstalk.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real headless Chromium for looking at the HTML report: the DOM after the page's scripts ran, and
 * screenshots.
 *
 * <p>The executable is {@code $CHROMIUM} when set, otherwise {@value #DEFAULT}. Every run gets a fresh
 * profile directory and switches off Chromium's own background traffic (updates, sync, field trials):
 * on a machine without network access those connections are refused and slow the run down, and the
 * page under test must not depend on any of them.
 */
public final class Chromium {

    /** The environment variable naming another Chromium executable. */
    public static final String ENV = "CHROMIUM";

    /** Where Debian's {@code chromium} package installs it. */
    public static final String DEFAULT = "/usr/bin/chromium";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);
    private static final int ERROR_TAIL = 4 * 1024;
    // Lets timers and other deferred work of the page finish before the DOM or picture is taken.
    private static final String TIME_BUDGET_MILLIS = "3000";

    private final Path executable;
    private final Duration timeout;

    private Chromium(Path executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** The Chromium of this machine; fails with how to install it when there is none. */
    public static Chromium locate() {
        String configured = System.getenv(ENV);
        boolean fromEnv = configured != null && !configured.isBlank();
        return at(Path.of(fromEnv ? configured : DEFAULT), fromEnv ? "$" + ENV : "the default");
    }

    /** The Chromium at {@code exe}, which {@code source} named; fails with how to install it when missing. */
    static Chromium at(Path exe, String source) {
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("No Chromium at " + exe + " (" + source + "). Install it with"
                    + " scripts/ensure-chromium (Debian's chromium package), or set $" + ENV + " to a Chromium executable.");
        }
        return new Chromium(exe, DEFAULT_TIMEOUT);
    }

    /** The same browser, giving up on a page after {@code limit}. */
    public Chromium withTimeout(Duration limit) {
        return new Chromium(executable, limit);
    }

    public Path executable() {
        return executable;
    }

    /**
     * The page's DOM, serialised as HTML, after its scripts ran. (Chromium takes the DOM with a script of
     * its own, so there is no variant with scripts switched off; a page-level policy such as
     * {@code script-src 'none'} blocks the page's scripts without blocking that.)
     */
    public String dumpDom(Path html) {
        return run(List.of("--dump-dom", url(html)));
    }

    /** The DOM of the page opened at {@code #fragment} (given without the {@code #}), after its scripts ran. */
    public String dumpDom(Path html, String fragment) {
        return run(List.of("--dump-dom", url(html) + "#" + fragment));
    }

    /** A PNG of the top {@code width} x {@code height} pixels of the page, after its scripts ran. */
    public void screenshot(Path html, Path png, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("window size " + width + "x" + height);
        }
        Path target = png.toAbsolutePath();
        try {
            Files.deleteIfExists(target);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Without waiting for every compositor stage, a tall window is sometimes captured half-painted.
        run(List.of("--screenshot=" + target, "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--run-all-compositor-stages-before-draw", url(html)));
        if (!Files.isRegularFile(target)) {
            throw new IllegalStateException("Chromium wrote no screenshot to " + target);
        }
    }

    private static String url(Path html) {
        Path file = html.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such page: " + file);
        }
        return file.toUri().toString();
    }

    private String run(List<String> what) {
        Path profile = null;
        Path out = null;
        Path err = null;
        try {
            profile = Files.createTempDirectory("crosstalk-chromium-");
            out = Files.createTempFile("crosstalk-chromium-", ".out");
            err = Files.createTempFile("crosstalk-chromium-", ".err");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--virtual-time-budget=" + TIME_BUDGET_MILLIS, "--user-data-dir=" + profile));
            command.addAll(what);
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IllegalStateException("Chromium did not finish within " + timeout + ": " + command
                        + "\n" + tail(err));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Chromium exited with " + p.exitValue() + ": " + command + "\n" + tail(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium ran", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(profile);
        }
    }

    // Chromium runs as a tree of processes; a stuck renderer must not outlive the test.
    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= ERROR_TAIL ? text : "..." + text.substring(text.length() - ERROR_TAIL);
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temp file left behind is not worth failing a run over.
        }
    }
}
