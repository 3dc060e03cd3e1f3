package dev.crosstalk.agent.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** Short stacks for evidence, without the agent's own frames. */
final class Stacks {
    static final int DEPTH = 8;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Stacks() {
    }

    static boolean isAgentFrame(String className) {
        return className.startsWith("dev.crosstalk.agent.") || className.startsWith("dev.crosstalk.bootstrap.")
                || className.startsWith("dev.crosstalk.shaded.");
    }

    static String[] capture() {
        List<String> frames = WALKER.walk(s -> s.filter(f -> !isAgentFrame(f.getClassName()))
                .limit(DEPTH)
                .map(f -> f.getClassName() + "." + f.getMethodName() + "("
                        + (f.getFileName() == null ? "Unknown Source" : f.getFileName() + ":" + f.getLineNumber()) + ")")
                .collect(Collectors.toList()));
        return frames.toArray(new String[0]);
    }
}
