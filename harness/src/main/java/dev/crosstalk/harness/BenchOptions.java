package dev.crosstalk.harness;

/**
 * The command line of {@link Bench}: {@code --name value} or {@code --name=value}.
 *
 * @param agentOptions passed to the agent as is; "" attaches it with its defaults
 * @param jdkHome the JDK to run the app on, or null for the one running Bench
 * @param appCpus CPUs the app is pinned to with taskset ({@code 0}, {@code 0-1}), or null for no pinning
 * @param jar an executable jar to measure instead of a test app (a Spring Boot application), or null
 * @param portArg the argument that tells {@code jar} its HTTP port, {@code {port}} replaced by a free port
 * @param otel the OpenTelemetry Java agent jar, measured as a third side, or null
 * @param soak requests of one soak run per side (0: no soak, the rounds are measured instead)
 * @param users distinct users of a soak, each with its own cookies (so its own session, if the app keeps one)
 * @param agentJar the crosstalk agent jar to measure, or null for the one this project built
 * @param together whether the sides of a round serve their load at the same time, on the same CPUs
 * @param interleave slices each side's measurement is cut into, the sides loaded in turn slice by
 *     slice while all stay up (0: each side measured in one piece)
 */
record BenchOptions(String app, String path, String agentOptions, int rounds, int warmupSeconds,
        int seconds, int clients, String jdkHome, String appCpus, boolean help,
        String jar, String portArg, String otel, long soak, int users, String agentJar, boolean together,
        int interleave) {

    static final String DEFAULT_PORT_ARG = "--server.port={port}";

    static final String USAGE = String.join("\n",
            "usage: scripts/bench [options]",
            "Measures the crosstalk agent's overhead: each round starts the app once without the agent, once",
            "with it and, with --otel, once with the OpenTelemetry agent (rotating which goes first). It",
            "times start-up (JVM launch to the first 200 on --path), warms the app up, drives it with",
            "closed-loop clients, and compares start-up, throughput, p99 latency and RSS to the run without",
            "an agent. With --soak it instead sends that many requests once per side and reports the heap",
            "each side retains after a full GC, and the agent's own classes in the heap histogram.",
            "",
            "  --app NAME            test app under test-apps/ (default remixer)",
            "  --jar PATH            measure this executable jar instead (e.g. spring-petclinic)",
            "  --port-arg ARG        how --jar is told its port; {port} is replaced (default " + DEFAULT_PORT_ARG + ")",
            "  --otel PATH           also measure the OpenTelemetry Java agent jar (exporters off)",
            "  --agent-jar PATH      the crosstalk agent jar to measure (default: agent/target/crosstalk-agent.jar)",
            "  --path PATH           path and query to GET (default /tempo?song=0); with --soak a",
            "                        comma-separated list, {user} replaced by the user's number; the remixer's",
            "                        /setlist?song=0 builds its answer from local builders and collections",
            "  --agent-options OPTS  agent options, comma-separated key=value (default \"\": agent defaults)",
            "  --rounds N            rounds; ratios use the medians across rounds (default 3)",
            "  --warmup SECONDS      load before each measurement (default 5)",
            "  --seconds SECONDS     measurement length (default 10)",
            "  --clients N           concurrent client threads (default 4)",
            "  --soak N              send N requests per side and report retained heap (default 0: off)",
            "  --users N             distinct users (cookie jars) of a soak (default 1000)",
            "  --jdk HOME            JDK to run the app on (default: the JDK running the bench)",
            "  --app-cpus LIST       pin the app to these CPUs with taskset (scripts/bench pins the app to",
            "                        CPU 0 and the clients to CPU 1 on a machine with 2 or more CPUs)",
            "  --together            load every side of a round at the same time, on the same CPUs: the",
            "                        throughput ratio is then the ratio of CPU per request, and a slower",
            "                        minute of the machine slows every side alike (start-up is still",
            "                        timed one side at a time)",
            "  --interleave N        keep every side of a round up: cut the warm-up and the measured",
            "                        seconds into N slices each and load the sides in turn, slice by",
            "                        slice, one at a time (a slower minute of the machine falls on every",
            "                        side, no side shares its CPU with another, and none has idled longer",
            "                        than another since its warm-up)",
            "  --help                this text");

    /** Parses {@code args}; unknown options and bad values throw IllegalArgumentException. */
    static BenchOptions parse(String... args) {
        String app = "remixer";
        String path = "/tempo?song=0";
        String agentOptions = "";
        int rounds = 3;
        int warmup = 5;
        int seconds = 10;
        int clients = 4;
        String jdk = null;
        String appCpus = null;
        String jar = null;
        String portArg = DEFAULT_PORT_ARG;
        String otel = null;
        long soak = 0;
        int users = 1000;
        String agentJar = null;
        boolean help = false;
        boolean together = false;
        int interleave = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                break;
            }
            if (arg.equals("--together")) {
                together = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq >= 0 ? arg.substring(0, eq) : arg;
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--app" -> app = value;
                case "--path" -> path = requirePath(value);
                case "--agent-options" -> agentOptions = value;
                case "--rounds" -> rounds = count(name, value, 1);
                case "--warmup" -> warmup = count(name, value, 0);
                case "--seconds" -> seconds = count(name, value, 1);
                case "--clients" -> clients = count(name, value, 1);
                case "--jdk" -> jdk = value;
                case "--app-cpus" -> appCpus = value;
                case "--jar" -> jar = value;
                case "--port-arg" -> portArg = requirePortArg(value);
                case "--otel" -> otel = value;
                case "--soak" -> soak = count(name, value, 1);
                case "--users" -> users = count(name, value, 1);
                case "--agent-jar" -> agentJar = value;
                case "--interleave" -> interleave = count(name, value, 1);
                default -> throw new IllegalArgumentException("Unknown option: " + name);
            }
        }
        if (together && interleave > 0) {
            throw new IllegalArgumentException("--together and --interleave are two ways to measure: choose one");
        }
        if (interleave > seconds) {
            throw new IllegalArgumentException("--interleave " + interleave + " slices need at least as many --seconds, got "
                    + seconds);
        }
        return new BenchOptions(app, path, agentOptions, rounds, warmup, seconds, clients, jdk, appCpus, help,
                jar, portArg, otel, soak, users, agentJar, together, interleave);
    }

    /** The name shown for the app under test. */
    String appName() {
        return jar != null ? java.nio.file.Path.of(jar).getFileName().toString() : app;
    }

    private static String requirePath(String value) {
        for (String one : value.split(",")) {
            if (!one.startsWith("/")) {
                throw new IllegalArgumentException("--path must start with '/': " + one);
            }
        }
        return value;
    }

    private static String requirePortArg(String value) {
        if (!value.contains("{port}")) {
            throw new IllegalArgumentException("--port-arg must contain {port}: " + value);
        }
        return value;
    }

    private static int count(String name, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the expected range
        }
        throw new IllegalArgumentException(name + " expects an integer >= " + min + ", got '" + value + "'");
    }
}
