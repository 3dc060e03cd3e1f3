package dev.crosstalk.harness;

/**
 * The command line of {@link Bench}: {@code --name value} or {@code --name=value}.
 *
 * @param agentOptions passed to the agent as is; "" attaches it with its defaults
 * @param jdkHome the JDK to run the app on, or null for the one running Bench
 * @param appCpus CPUs the app is pinned to with taskset ({@code 0}, {@code 0-1}), or null for no pinning
 */
record BenchOptions(String app, String path, String agentOptions, int rounds, int warmupSeconds,
        int seconds, int clients, String jdkHome, String appCpus, boolean help) {

    static final String USAGE = String.join("\n",
            "usage: scripts/bench [options]",
            "Measures the crosstalk agent's overhead on a test app: each round starts the app once without",
            "and once with the agent (alternating which goes first), warms it up, then drives it with",
            "closed-loop clients and compares throughput and p99 latency.",
            "",
            "  --app NAME            test app under test-apps/ (default remixer)",
            "  --path PATH           path and query to GET (default /tempo?song=0)",
            "  --agent-options OPTS  agent options, comma-separated key=value (default \"\": agent defaults)",
            "  --rounds N            off/on pairs; ratios use the medians across rounds (default 3)",
            "  --warmup SECONDS      load before each measurement (default 5)",
            "  --seconds SECONDS     measurement length (default 10)",
            "  --clients N           concurrent client threads (default 4)",
            "  --jdk HOME            JDK to run the app on (default: the JDK running the bench)",
            "  --app-cpus LIST       pin the app to these CPUs with taskset (scripts/bench pins the app to",
            "                        CPU 0 and the clients to CPU 1 on a machine with 2 or more CPUs)",
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
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new BenchOptions(app, path, agentOptions, rounds, warmup, seconds, clients, jdk, appCpus, true);
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
                default -> throw new IllegalArgumentException("Unknown option: " + name);
            }
        }
        return new BenchOptions(app, path, agentOptions, rounds, warmup, seconds, clients, jdk, appCpus, false);
    }

    private static String requirePath(String value) {
        if (!value.startsWith("/")) {
            throw new IllegalArgumentException("--path must start with '/': " + value);
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
