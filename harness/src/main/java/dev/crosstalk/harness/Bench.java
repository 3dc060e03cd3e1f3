package dev.crosstalk.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the agent's overhead on one test app as on/off ratios of throughput and p99 latency.
 *
 * <p>Each round starts the app twice, once without and once with the agent, and which goes first
 * alternates per round so that drift of the machine (thermal, other load) falls on both sides. The
 * ratios come from the medians across rounds, which one noisy round cannot move. Run it through
 * {@code scripts/bench}; {@code --help} lists the options.
 */
public final class Bench {

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

    /** Runs every round and prints the report; answers the process exit code. */
    int run() throws IOException {
        Project project = Project.locate();
        Path appJar = project.appJar(options.app());
        Path agentJar = project.agentJar();
        Jdk jdk = options.jdkHome() == null ? Jdks.current() : Jdks.of(Path.of(options.jdkHome()));
        Path workDir = Files.createTempDirectory("crosstalk-bench-");
        out.printf(Locale.ROOT, "bench: app=%s path=%s jdk=%s (%s) agent-options=\"%s\"%n",
                options.app(), options.path(), jdk, jdk.home(), options.agentOptions());
        out.printf(Locale.ROOT, "       %d rounds x (off, on) x (%d s warm-up + %d s measured), %d clients; work dir %s%n",
                options.rounds(), options.warmupSeconds(), options.seconds(), options.clients(), workDir);
        if (options.appCpus() != null) {
            out.printf(Locale.ROOT, "       app pinned to CPU %s%n", options.appCpus());
        }

        List<Load.Result> off = new ArrayList<>();
        List<Load.Result> on = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            boolean agentFirst = round % 2 == 0;
            for (boolean agent : new boolean[] {agentFirst, !agentFirst}) {
                String label = "round" + round + "-" + (agent ? "on" : "off");
                Load.Result result = measure(jdk, appJar, agent ? agentJar : null, workDir.resolve(label));
                if (result.errors() > 0) {
                    out.printf("%s: %d of %d requests failed; first: %s%n  app output: %s%n",
                            label, result.errors(), result.requests(), result.firstError(), workDir.resolve(label));
                    return 1;
                }
                out.printf(Locale.ROOT, "round %d agent %-3s %10.1f req/s  p50 %s  p99 %s  (%d requests)%n",
                        round, agent ? "on" : "off", result.throughput(), millis(result.percentileMicros(50)),
                        millis(result.percentileMicros(99)), result.requests());
                (agent ? on : off).add(result);
            }
        }
        printSummary(off, on);
        return 0;
    }

    private Load.Result measure(Jdk jdk, Path appJar, Path agentJar, Path dir) {
        AppProcess.Builder builder = AppProcess.builder().jdk(jdk).jar(appJar).workDir(dir);
        if (options.appCpus() != null) {
            builder.prefix("taskset", "-c", options.appCpus());
        }
        if (agentJar != null) {
            builder.agentJar(agentJar).agentOptions(options.agentOptions());
        }
        try (AppProcess app = builder.start()) {
            Http http = Http.to(app);
            if (options.warmupSeconds() > 0) {
                Load.Result warmup = run(http, options.warmupSeconds());
                if (warmup.errors() > 0) {
                    return warmup;
                }
            }
            return run(http, options.seconds());
        }
    }

    private Load.Result run(Http http, int seconds) {
        return Load.run(http, options.path(), options.clients(), Duration.ofSeconds(seconds));
    }

    private void printSummary(List<Load.Result> off, List<Load.Result> on) {
        double throughputOff = median(off.stream().mapToDouble(Load.Result::throughput).toArray());
        double throughputOn = median(on.stream().mapToDouble(Load.Result::throughput).toArray());
        double p99Off = median(off.stream().mapToDouble(r -> r.percentileMicros(99)).toArray());
        double p99On = median(on.stream().mapToDouble(r -> r.percentileMicros(99)).toArray());
        out.printf(Locale.ROOT, "summary (medians of %d rounds):%n", off.size());
        out.printf(Locale.ROOT, "  throughput       off %10.1f req/s   on %10.1f req/s%n", throughputOff, throughputOn);
        out.printf(Locale.ROOT, "  p99 latency      off %s   on %s%n", millis(p99Off), millis(p99On));
        out.printf(Locale.ROOT, "  throughput ratio (on/off): %.3f%n", throughputOn / throughputOff);
        out.printf(Locale.ROOT, "  p99 ratio (on/off): %.3f%n", p99On / p99Off);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String millis(double micros) {
        return String.format(Locale.ROOT, "%8.3f ms", micros / 1000);
    }
}
