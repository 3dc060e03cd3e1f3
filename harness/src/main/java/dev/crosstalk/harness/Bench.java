package dev.crosstalk.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the agent's overhead on a test app or any executable jar: start-up, throughput, p99 latency
 * and RSS as ratios to the same app without an agent, optionally beside the OpenTelemetry agent.
 *
 * <p>Each round starts the app once per side, and the order rotates per round so that drift of the
 * machine (thermal, other load) falls on every side. The ratios come from the medians across rounds,
 * which one noisy round cannot move. With {@code --soak} each side instead serves a fixed number of
 * requests from many users once, and {@link Soak} reports what heap each side retains. Run it through
 * {@code scripts/bench}; {@code --help} lists the options.
 */
public final class Bench {

    /** One side of the comparison. */
    enum Side {
        OFF("no agent"), CROSSTALK("crosstalk"), OTEL("OpenTelemetry");

        final String label;

        Side(String label) {
            this.label = label;
        }
    }

    /**
     * What one start of the app measured.
     *
     * @param cpuSeconds CPU time the app's process used during the measured load (user and system), or
     *     -1 where {@code /proc} cannot tell
     */
    record Sample(double startupSeconds, Load.Result load, long rssKb, double cpuSeconds) {

        Sample(double startupSeconds, Load.Result load) {
            this(startupSeconds, load, 0, -1);
        }

        /** CPU microseconds per request, or -1 when unknown. */
        double cpuMicrosPerRequest() {
            return cpuSeconds < 0 || load.requests() == 0 ? -1 : cpuSeconds * 1e6 / load.requests();
        }
    }

    // Longer than any real start-up here (petclinic takes 8-25 s on 2 cores), short enough to give up.
    private static final Duration FIRST_ANSWER_LIMIT = Duration.ofSeconds(300);

    private final BenchOptions options;
    private final PrintStream out;

    Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        try {
            System.exit(new Bench(options, System.out).run());
        } catch (RuntimeException | IOException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs every round (or the soak) and prints the report; answers the process exit code. */
    int run() throws IOException {
        Project project = Project.locate();
        Path appJar = options.jar() != null ? Path.of(options.jar()) : project.appJar(options.app());
        Jdk jdk = options.jdkHome() == null ? Jdks.current() : Jdks.of(Path.of(options.jdkHome()));
        Path workDir = Files.createTempDirectory("crosstalk-bench-");
        List<Side> sides = options.otel() == null ? List.of(Side.OFF, Side.CROSSTALK)
                : List.of(Side.OFF, Side.CROSSTALK, Side.OTEL);
        out.printf(Locale.ROOT, "bench: app=%s path=%s jdk=%s (%s) agent-options=\"%s\"%s%n",
                options.appName(), options.path(), jdk, jdk.home(), options.agentOptions(),
                options.otel() == null ? "" : " otel=" + options.otel());
        if (options.appCpus() != null) {
            out.printf(Locale.ROOT, "       app pinned to CPU %s%n", options.appCpus());
        }
        Launcher launcher = new Launcher(jdk, appJar,
                options.agentJar() != null ? Path.of(options.agentJar()) : project.agentJar(), workDir);
        if (options.soak() > 0) {
            out.printf(Locale.ROOT, "       soak: %d requests per side from %d users, %d clients; work dir %s%n",
                    options.soak(), options.users(), options.clients(), workDir);
            return new Soak(options, out).run(sides, launcher);
        }
        out.printf(Locale.ROOT, "       %d rounds x (%s) x (start-up + %d s warm-up + %d s measured), %d clients;"
                + " work dir %s%n", options.rounds(), String.join(", ", sides.stream().map(s -> s.label).toList()),
                options.warmupSeconds(), options.seconds(), options.clients(), workDir);

        if (options.together()) {
            out.printf(Locale.ROOT, "       together: the sides of a round serve their load at the same time%n");
        }
        if (options.interleave() > 0) {
            out.printf(Locale.ROOT, "       interleaved: the sides of a round stay up and are warmed up and measured in turn,"
                    + " %d slices of %.1f s and %.1f s each%n", options.interleave(),
                    options.warmupSeconds() / (double) options.interleave(),
                    options.seconds() / (double) options.interleave());
        }
        Map<Side, List<Sample>> samples = new EnumMap<>(Side.class);
        for (int round = 1; round <= options.rounds(); round++) {
            List<Side> order = new ArrayList<>();
            for (int k = 0; k < sides.size(); k++) {
                order.add(sides.get((round - 1 + k) % sides.size()));
            }
            Map<Side, Sample> measured = options.together() ? measureTogether(launcher, order, round)
                    : options.interleave() > 0 ? measureInterleaved(launcher, order, round)
                    : measureInTurn(launcher, order, round);
            for (Side side : order) {
                Sample sample = measured.get(side);
                String label = label(round, side);
                if (sample.load().errors() > 0) {
                    out.printf("%s: %d of %d requests failed; first: %s%n  app output: %s%n", label,
                            sample.load().errors(), sample.load().requests(), sample.load().firstError(),
                            workDir.resolve(label));
                    return 1;
                }
                out.printf(Locale.ROOT, "round %d %-13s start-up %6.2f s %10.1f req/s  p50 %s  p99 %s  RSS %5d MB"
                        + "  CPU %8.1f us/req  (%d requests)%n", round, side.label, sample.startupSeconds(),
                        sample.load().throughput(), millis(sample.load().percentileMicros(50)),
                        millis(sample.load().percentileMicros(99)), sample.rssKb() / 1024,
                        sample.cpuMicrosPerRequest(), sample.load().requests());
                samples.computeIfAbsent(side, s -> new ArrayList<>()).add(sample);
            }
        }
        printSummary(samples);
        return 0;
    }

    private static String label(int round, Side side) {
        return "round" + round + "-" + side.name().toLowerCase(Locale.ROOT);
    }

    /** One side after another: each starts, warms up, is measured and stops before the next starts. */
    private Map<Side, Sample> measureInTurn(Launcher launcher, List<Side> order, int round) {
        Map<Side, Sample> measured = new EnumMap<>(Side.class);
        for (Side side : order) {
            Sample sample = measure(launcher, side, label(round, side));
            measured.put(side, sample);
            if (sample.load().errors() > 0) {
                break;
            }
        }
        return measured;
    }

    /**
     * Every side at once: each is started and timed to its first answer alone, in turn (the ones
     * already up stay idle), then all are warmed up and measured together, each by its own clients, so
     * they share the CPUs for the same seconds.
     */
    private Map<Side, Sample> measureTogether(Launcher launcher, List<Side> order, int round) {
        String path = firstPath(options.path());
        Map<Side, AppProcess> apps = new EnumMap<>(Side.class);
        try {
            Map<Side, Double> startups = startEach(launcher, order, round, path, apps);
            Map<Side, Sample> measured = new EnumMap<>(Side.class);
            if (options.warmupSeconds() > 0) {
                Map<Side, Load.Result> warmups = loadTogether(apps, path, options.warmupSeconds());
                if (warmups.values().stream().anyMatch(w -> w.errors() > 0)) {
                    order.forEach(side -> measured.put(side, new Sample(startups.get(side), warmups.get(side))));
                    return measured; // the failing side is reported with its warm-up's first error
                }
            }
            Map<Side, Double> cpuBefore = new EnumMap<>(Side.class);
            apps.forEach((side, app) -> cpuBefore.put(side, cpuSeconds(app.pid())));
            Map<Side, Load.Result> results = loadTogether(apps, path, options.seconds());
            for (Side side : order) {
                long pid = apps.get(side).pid();
                measured.put(side, new Sample(startups.get(side), results.get(side), rssKb(pid),
                        cpuUsed(cpuBefore.get(side), cpuSeconds(pid))));
            }
            return measured;
        } finally {
            apps.values().forEach(AppProcess::close);
        }
    }

    /**
     * Every side up at once, loaded one at a time: each is started and timed alone; then the warm-up
     * and the measured seconds are each cut into slices, and slice by slice each side is loaded in turn
     * (the order rotating per slice) while the others idle. A side's sample sums its measured slices:
     * requests, latencies and the CPU its process used during them.
     *
     * <p>The warm-up is sliced like the measurement so that no side comes to its measurement straight
     * from its whole warm-up while the other had minutes of idle time since its own: an idle JVM
     * finishes compiling what the warm-up queued, so warming up in turn measured whichever side went
     * second a few percent slower (WebFlux on JDK 17: 0.91 with the agent second, 0.97 with it first).
     */
    private Map<Side, Sample> measureInterleaved(Launcher launcher, List<Side> order, int round) {
        String path = firstPath(options.path());
        Map<Side, AppProcess> apps = new EnumMap<>(Side.class);
        Map<Side, Sample> measured = new EnumMap<>(Side.class);
        try {
            Map<Side, Double> startups = startEach(launcher, order, round, path, apps);
            if (options.warmupSeconds() > 0) {
                Duration warmupSlice = Duration.ofMillis(options.warmupSeconds() * 1000L / options.interleave());
                for (int i = 0; i < options.interleave(); i++) {
                    for (int k = 0; k < order.size(); k++) {
                        Side side = order.get((i + k) % order.size());
                        Load.Result warmup = Load.run(Http.to(apps.get(side)), path, options.clients(), warmupSlice);
                        if (warmup.errors() > 0) {
                            measured.put(side, new Sample(startups.get(side), warmup));
                            return measured; // the failing side is reported with its warm-up's first error
                        }
                    }
                }
            }
            Duration slice = Duration.ofMillis(options.seconds() * 1000L / options.interleave());
            Map<Side, List<Load.Result>> slices = new EnumMap<>(Side.class);
            Map<Side, Double> cpu = new EnumMap<>(Side.class);
            for (int i = 0; i < options.interleave(); i++) {
                for (int k = 0; k < order.size(); k++) {
                    Side side = order.get((i + k) % order.size());
                    long pid = apps.get(side).pid();
                    double before = cpuSeconds(pid);
                    slices.computeIfAbsent(side, s -> new ArrayList<>())
                            .add(Load.run(Http.to(apps.get(side)), path, options.clients(), slice));
                    double used = cpuUsed(before, cpuSeconds(pid));
                    cpu.merge(side, used, (a, b) -> a < 0 || b < 0 ? -1 : a + b);
                }
            }
            for (Side side : order) {
                measured.put(side, new Sample(startups.get(side), Load.Result.combine(slices.get(side)),
                        rssKb(apps.get(side).pid()), cpu.get(side)));
            }
            return measured;
        } finally {
            apps.values().forEach(AppProcess::close);
        }
    }

    /**
     * Starts the sides one at a time, each timed to its first answer alone (those already up stay
     * idle); puts each into {@code apps} as it starts, for the caller to close. Answers the start-ups.
     */
    private static Map<Side, Double> startEach(Launcher launcher, List<Side> order, int round, String path,
            Map<Side, AppProcess> apps) {
        Map<Side, Double> startups = new EnumMap<>(Side.class);
        for (Side side : order) {
            long t0 = System.nanoTime();
            AppProcess app = launcher.start(side, label(round, side));
            apps.put(side, app);
            awaitFirstAnswer(app, Http.to(app), path);
            startups.put(side, (System.nanoTime() - t0) / 1e9);
        }
        return startups;
    }

    private Map<Side, Load.Result> loadTogether(Map<Side, AppProcess> apps, String path, int seconds) {
        Map<Side, java.util.concurrent.CompletableFuture<Load.Result>> running = new EnumMap<>(Side.class);
        for (Map.Entry<Side, AppProcess> e : apps.entrySet()) {
            Http http = Http.to(e.getValue());
            running.put(e.getKey(), java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Load.run(http, path, options.clients(), Duration.ofSeconds(seconds)), daemonThreadPer()));
        }
        Map<Side, Load.Result> results = new EnumMap<>(Side.class);
        running.forEach((side, future) -> results.put(side, future.join()));
        return results;
    }

    /** A thread per task: the loads must all run at once, whatever the common pool's size. */
    private static java.util.concurrent.Executor daemonThreadPer() {
        return task -> {
            Thread t = new Thread(task, "crosstalk-bench-side");
            t.setDaemon(true);
            t.start();
        };
    }

    private Sample measure(Launcher launcher, Side side, String label) {
        String path = firstPath(options.path());
        long t0 = System.nanoTime();
        try (AppProcess app = launcher.start(side, label)) {
            Http http = Http.to(app);
            awaitFirstAnswer(app, http, path);
            double startup = (System.nanoTime() - t0) / 1e9;
            if (options.warmupSeconds() > 0) {
                Load.Result warmup = Load.run(http, path, options.clients(), Duration.ofSeconds(options.warmupSeconds()));
                if (warmup.errors() > 0) {
                    return new Sample(startup, warmup);
                }
            }
            double cpuBefore = cpuSeconds(app.pid());
            Load.Result result = Load.run(http, path, options.clients(), Duration.ofSeconds(options.seconds()));
            return new Sample(startup, result, rssKb(app.pid()), cpuUsed(cpuBefore, cpuSeconds(app.pid())));
        }
    }

    /** Starts the app for one side of the comparison. */
    final class Launcher {
        private final Jdk jdk;
        private final Path appJar;
        private final Path agentJar;
        private final Path workDir;

        Launcher(Jdk jdk, Path appJar, Path agentJar, Path workDir) {
            this.jdk = jdk;
            this.appJar = appJar;
            this.agentJar = agentJar;
            this.workDir = workDir;
        }

        Jdk jdk() {
            return jdk;
        }

        AppProcess start(Side side, String label) {
            AppProcess.Builder builder = AppProcess.builder().jdk(jdk).jar(appJar).workDir(workDir.resolve(label))
                    .startTimeout(FIRST_ANSWER_LIMIT);
            if (options.appCpus() != null) {
                builder.prefix("taskset", "-c", options.appCpus());
            }
            if (options.jar() != null) {
                int port = freePort();
                builder.port(port).appArgs(options.portArg().replace("{port}", Integer.toString(port)));
            }
            switch (side) {
                case CROSSTALK -> builder.agentJar(agentJar).agentOptions(options.agentOptions());
                case OTEL -> builder.jvmArgs("-javaagent:" + Path.of(options.otel()).toAbsolutePath(),
                        "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none");
                case OFF -> { }
            }
            return builder.start();
        }
    }

    /** Polls {@code path} until it answers 2xx: the app is up for its users from then on. */
    static void awaitFirstAnswer(AppProcess app, Http http, String path) {
        long deadline = System.nanoTime() + FIRST_ANSWER_LIMIT.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the app exited before answering " + path + "; output in "
                        + app.workDir());
            }
            try {
                Http.Response response = http.get(path);
                if (response.status() / 100 == 2) {
                    return;
                }
                last = "status " + response.status();
            } catch (RuntimeException e) {
                last = String.valueOf(e.getMessage());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + path, e);
            }
        }
        throw new IllegalStateException(path + " did not answer 2xx within " + FIRST_ANSWER_LIMIT.toSeconds()
                + " s (last: " + last + "); output in " + app.workDir());
    }

    /**
     * User and system CPU seconds a live process has used, from {@code /proc/PID/stat} (in clock ticks
     * of 10 ms: a 10 s measurement of a busy app reads to 0.1%); -1 where that cannot be read.
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or the process is gone
        }
    }

    // USER_HZ, which Linux fixes at 100 on every architecture the JDK runs on.
    private static final int CLOCK_TICKS = 100;

    private static double cpuUsed(double before, double after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** The resident set of a live process, from {@code /proc}; 0 where that cannot be read. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone: RSS is then not part of the report
        }
        return 0;
    }

    static String firstPath(String paths) {
        return paths.split(",")[0].replace("{user}", "0");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private void printSummary(Map<Side, List<Sample>> samples) {
        List<Sample> off = samples.get(Side.OFF);
        double startupOff = median(off, s -> s.startupSeconds());
        double throughputOff = median(off, s -> s.load().throughput());
        double p99Off = median(off, s -> s.load().percentileMicros(99));
        double rssOff = median(off, s -> s.rssKb());
        out.printf(Locale.ROOT, "summary (medians of %d rounds):%n", off.size());
        out.printf(Locale.ROOT, "  %-13s %10s %9s %12s %9s %12s %9s %8s %9s%n", "", "start-up", "ratio", "req/s",
                "ratio", "p99", "ratio", "RSS MB", "ratio");
        for (Map.Entry<Side, List<Sample>> e : samples.entrySet()) {
            List<Sample> side = e.getValue();
            double startup = median(side, s -> s.startupSeconds());
            double throughput = median(side, s -> s.load().throughput());
            double p99 = median(side, s -> s.load().percentileMicros(99));
            double rss = median(side, s -> s.rssKb());
            out.printf(Locale.ROOT, "  %-13s %8.2f s %9.3f %12.1f %9.3f %s %9.3f %8.0f %9.3f%n", e.getKey().label,
                    startup, startup / startupOff, throughput, throughput / throughputOff, millis(p99), p99 / p99Off,
                    rss / 1024, rssOff == 0 ? Double.NaN : rss / rssOff);
        }
        List<Sample> on = samples.get(Side.CROSSTALK);
        out.printf(Locale.ROOT, "  start-up ratio (on/off): %.3f%n", median(on, s -> s.startupSeconds()) / startupOff);
        out.printf(Locale.ROOT, "  throughput ratio (on/off): %.3f%n", median(on, s -> s.load().throughput()) / throughputOff);
        out.printf(Locale.ROOT, "  p99 ratio (on/off): %.3f%n", median(on, s -> s.load().percentileMicros(99)) / p99Off);
        // Each round's own ratio: the two sides of one round ran minutes (or, --together, no time) apart.
        double[] paired = new double[on.size()];
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < paired.length; i++) {
            paired[i] = on.get(i).load().throughput() / off.get(i).load().throughput();
            each.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", paired[i]));
        }
        out.printf(Locale.ROOT, "  throughput ratio per round (on/off): %s; median %.3f%n", each, median(paired));
        double cpuOff = median(off, Sample::cpuMicrosPerRequest);
        if (cpuOff > 0) {
            for (Map.Entry<Side, List<Sample>> e : samples.entrySet()) {
                if (e.getKey() != Side.OFF) {
                    double cpu = median(e.getValue(), Sample::cpuMicrosPerRequest);
                    out.printf(Locale.ROOT, "  CPU per request (%s/off): %.1f / %.1f us = %.3f (its inverse, %.3f, is"
                            + " the throughput ratio of a saturated CPU)%n", e.getKey().label, cpu, cpuOff,
                            cpu / cpuOff, cpuOff / cpu);
                }
            }
        }
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        return median(samples.stream().mapToDouble(value).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String millis(double micros) {
        return String.format(Locale.ROOT, "%8.3f ms", micros / 1000);
    }
}
