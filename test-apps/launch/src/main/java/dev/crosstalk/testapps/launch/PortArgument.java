package dev.crosstalk.testapps.launch;

/** The {@code --port N} argument every test app accepts. */
public final class PortArgument {

    private PortArgument() {
    }

    /** The N of {@code --port N} anywhere in {@code args}; 0 (an ephemeral port, what the tests use) without it. */
    public static int parse(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if ("--port".equals(args[i])) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return 0;
    }
}
