package dev.crosstalk.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test application running in its own JVM, optionally with the crosstalk agent attached.
 *
 * <p>The app's stdout and stderr go to {@code app.stdout} and {@code app.stderr} in the work dir (which
 * is also the app's current directory, so relative findings paths land there) and to in-memory tails.
 * {@link Builder#start()} returns once the app printed {@code LISTENING port=<n>}.
 *
 * <pre>{@code
 * try (AppProcess app = AppProcess.builder().jdk(jdk).jar(project.appJar("remixer"))
 *         .agentOptions("json=" + dir.resolve("findings.jsonl")).workDir(dir).start()) {
 *     Http.to(app).get("/tempo?song=0");
 * }
 * }</pre>
 */
public final class AppProcess implements AutoCloseable {

    /** How long {@link #stopGracefully()} lets the app run its shutdown hooks before killing it. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private static final Pattern LISTENING = Pattern.compile("LISTENING port=(\\d+)");
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(30);
    private static final int FAILURE_STDERR_CHARS = 16 * 1024;
    private static final int FAILURE_STDOUT_CHARS = 4 * 1024;

    // Apps outlive a test JVM that exits without close(); this kills them instead of leaking them.
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> LIVE.forEach(Process::destroyForcibly), "crosstalk-app-reaper"));
    }

    private final Process process;
    private final List<String> command;
    private final Path workDir;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private int port;
    private Integer exitCode;

    private AppProcess(Process process, List<String> command, Path workDir, OutputPump stdout, OutputPump stderr) {
        this.process = process;
        this.command = command;
        this.workDir = workDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the app announced. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}; {@code pathAndQuery} starts with '/'. */
    public URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("Path must start with '/': " + pathAndQuery);
        }
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** The stdout captured so far (the last 2 MB); complete once {@link #close()} returned. */
    public String stdout() {
        return stdout.text();
    }

    /** The stderr captured so far (the last 2 MB); complete once {@link #close()} returned. */
    public String stderr() {
        return stderr.text();
    }

    /** The app's current directory, holding app.stdout, app.stderr and any findings files. */
    public Path workDir() {
        return workDir;
    }

    /** The full command line the app was started with. */
    public List<String> command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the app with SIGTERM, so its shutdown hooks (and the agent's) run, killing it only after
     * {@link #STOP_GRACE}; then waits for its output to be drained. Later calls return the same code.
     *
     * @return the exit code; 143 is the usual answer of a JVM to SIGTERM
     */
    public synchronized int stopGracefully() {
        if (exitCode != null) {
            return exitCode;
        }
        try {
            // Process.destroy() would close our ends of the pipes right after the signal, losing what the
            // app (and the agent) print while shutting down; the handle only sends the signal.
            process.toHandle().destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
                if (!process.waitFor(KILL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("App pid " + pid() + " survived SIGKILL for " + KILL_LIMIT);
                }
            }
            stdout.awaitDrained(DRAIN_LIMIT);
            stderr.awaitDrained(DRAIN_LIMIT);
        } catch (InterruptedException e) {
            process.toHandle().destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping app pid " + pid(), e);
        }
        LIVE.remove(process);
        exitCode = process.exitValue();
        return exitCode;
    }

    /** Same as {@link #stopGracefully()}, ignoring the exit code. */
    @Override
    public void close() {
        stopGracefully();
    }

    private void awaitListening(CompletableFuture<Integer> listening, Duration timeout) {
        try {
            port = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw startFailure("no 'LISTENING port=<n>' line on stdout within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw startFailure(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure("interrupted while waiting for it to listen");
        }
    }

    private IllegalStateException startFailure(String reason) {
        process.toHandle().destroyForcibly();
        int code = stopGracefully();
        return new IllegalStateException("App did not start: " + reason + " (exit code " + code + ")"
                + "\ncommand: " + String.join(" ", command)
                + "\nwork dir: " + workDir
                + "\n--- stderr (tail) ---\n" + tail(stderr(), FAILURE_STDERR_CHARS)
                + "\n--- stdout (tail) ---\n" + tail(stdout(), FAILURE_STDOUT_CHARS));
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "[...]" + text.substring(text.length() - chars);
    }

    /** Collects how to start an app; {@link #start()} launches it. */
    public static final class Builder {

        private Jdk jdk = Jdks.current();
        private Path jar;
        private String classPath;
        private String mainClass;
        private String agentOptions;
        private Path agentJar;
        private final List<String> prefix = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> appArgs = new ArrayList<>();
        private Path workDir;
        private Duration startTimeout = Duration.ofSeconds(60);
        private int fixedPort;

        private Builder() {
        }

        /** The JDK to run on; default the one running this code. */
        public Builder jdk(Jdk jdk) {
            this.jdk = Objects.requireNonNull(jdk);
            return this;
        }

        /** Runs {@code java -jar <jar>}. */
        public Builder jar(Path jar) {
            this.jar = jar;
            this.classPath = null;
            this.mainClass = null;
            return this;
        }

        /** Runs {@code java -cp <classPath> <mainClass>} instead of a jar. */
        public Builder mainClass(String classPath, String mainClass) {
            this.classPath = Objects.requireNonNull(classPath);
            this.mainClass = Objects.requireNonNull(mainClass);
            this.jar = null;
            return this;
        }

        /**
         * Attaches the agent with these comma-separated key=value options; {@code ""} attaches it with
         * its defaults and {@code null} (the default) runs without the agent.
         */
        public Builder agentOptions(String options) {
            this.agentOptions = options;
            return this;
        }

        /** The agent jar to attach; default {@link Project#agentJar()} of {@link Project#locate()}. */
        public Builder agentJar(Path agentJar) {
            this.agentJar = agentJar;
            return this;
        }

        /** JVM arguments, added before the agent and the main class. */
        /** Words put before the java command, e.g. {@code taskset -c 0} to pin the app to a CPU. */
        public Builder prefix(String... words) {
            prefix.addAll(List.of(words));
            return this;
        }

        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** Arguments for the app's main method, such as {@code --port 8080}. */
        public Builder appArgs(String... args) {
            appArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** Where output files go and the app runs; created if missing. Default: a fresh temp dir. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /**
         * For apps that do not print {@code LISTENING port=<n>} (any executable jar, such as a Spring
         * Boot application told its port on the command line): {@link #start()} returns as soon as the
         * process runs, and the caller polls the app until it answers.
         */
        public Builder port(int port) {
            this.fixedPort = port;
            return this;
        }

        /** How long to wait for the LISTENING line; default 60 s. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout);
            return this;
        }

        /** The java command line this builder describes. */
        public List<String> command() {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.add(jdk.java().toString());
            cmd.addAll(jvmArgs);
            if (agentOptions != null) {
                Path agent = (agentJar != null ? agentJar : Project.locate().agentJar()).toAbsolutePath();
                cmd.add("-javaagent:" + agent + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
            }
            if (jar != null) {
                cmd.add("-jar");
                cmd.add(requireFile(jar).toAbsolutePath().toString());
            } else if (mainClass != null) {
                cmd.add("-cp");
                cmd.add(absolute(classPath));
                cmd.add(mainClass);
            } else {
                throw new IllegalStateException("Set jar(...) or mainClass(...) before start()");
            }
            cmd.addAll(appArgs);
            return List.copyOf(cmd);
        }

        /** Launches the app and waits until it listens; on failure the app is gone and the message has its stderr. */
        public AppProcess start() {
            List<String> cmd = command();
            Path dir = prepareWorkDir();
            Writer out = null;
            Writer err = null;
            Process process;
            try {
                out = Files.newBufferedWriter(dir.resolve("app.stdout"), StandardCharsets.UTF_8);
                err = Files.newBufferedWriter(dir.resolve("app.stderr"), StandardCharsets.UTF_8);
                process = new ProcessBuilder(cmd).directory(dir.toFile()).start();
            } catch (IOException e) {
                OutputPump.closeQuietly(out);
                OutputPump.closeQuietly(err);
                throw new UncheckedIOException("Cannot start " + String.join(" ", cmd), e);
            }
            LIVE.add(process);
            CompletableFuture<Integer> listening = new CompletableFuture<>();
            String name = "crosstalk-app-" + process.pid();
            OutputPump stdout = OutputPump.start(process.getInputStream(), out, name + "-stdout",
                    line -> announce(line, listening));
            OutputPump stderr = OutputPump.start(process.getErrorStream(), err, name + "-stderr", line -> { });
            process.onExit().thenRun(() -> {
                // Read what the app printed before exiting first, so a late LISTENING line still counts.
                awaitQuietly(stdout);
                listening.completeExceptionally(new IllegalStateException("it exited"));
            });
            AppProcess app = new AppProcess(process, cmd, dir, stdout, stderr);
            if (fixedPort > 0) {
                app.port = fixedPort;
            } else {
                app.awaitListening(listening, startTimeout);
            }
            return app;
        }

        private static void announce(String line, CompletableFuture<Integer> listening) {
            Matcher m = LISTENING.matcher(line);
            if (m.matches()) {
                listening.complete(Integer.parseInt(m.group(1)));
            }
        }

        private static void awaitQuietly(OutputPump pump) {
            try {
                pump.awaitDrained(DRAIN_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Path prepareWorkDir() {
            try {
                Path dir = workDir != null ? Files.createDirectories(workDir)
                        : Files.createTempDirectory("crosstalk-app-");
                return dir.toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create work dir " + workDir, e);
            }
        }

        // The app runs in the work dir, so relative class path entries would silently point elsewhere.
        private static String absolute(String classPath) {
            List<String> entries = new ArrayList<>();
            for (String entry : classPath.split(File.pathSeparator)) {
                entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
            }
            return String.join(File.pathSeparator, entries);
        }

        private static Path requireFile(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("Missing " + file.toAbsolutePath() + "; build it first: "
                        + Project.BUILD_COMMAND);
            }
            return file;
        }
    }
}
