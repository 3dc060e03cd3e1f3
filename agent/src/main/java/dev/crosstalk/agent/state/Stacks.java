package dev.crosstalk.agent.state;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Short stacks for evidence, without the agent's own frames. */
public final class Stacks {
    /** How many frames a stack keeps. */
    public static final int DEPTH = 8;
    private static final StackWalker WALKER = StackWalker.getInstance();
    /**
     * One string per distinct frame: every site keeps a sample stack, and the stacks of a server's
     * sites share most of their frames (the handler, the server's own). Capped; past it, frames are
     * kept as they come.
     */
    private static final int MAX_FRAMES = 65_536;
    private static final ConcurrentHashMap<String, String> FRAMES = new ConcurrentHashMap<>();

    private Stacks() {
    }

    /** Whether {@code className} is the agent's own. */
    public static boolean isAgentFrame(String className) {
        return className.startsWith("dev.crosstalk.agent.") || className.startsWith("dev.crosstalk.bootstrap.")
                || className.startsWith("dev.crosstalk.shaded.");
    }

    /** The current stack, without the agent's frames, at most {@link #DEPTH} frames. */
    public static String[] capture() {
        List<String> frames = WALKER.walk(s -> s.filter(f -> !isAgentFrame(f.getClassName()))
                .limit(DEPTH)
                .map(f -> f.getClassName() + "." + f.getMethodName() + "("
                        + (f.getFileName() == null ? "Unknown Source" : f.getFileName() + ":" + f.getLineNumber()) + ")")
                .collect(Collectors.toList()));
        String[] out = new String[frames.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = canonical(frames.get(i));
        }
        return out;
    }

    private static String canonical(String frame) {
        String known = FRAMES.get(frame);
        if (known != null) {
            return known;
        }
        if (FRAMES.size() >= MAX_FRAMES) {
            return frame;
        }
        known = FRAMES.putIfAbsent(frame, frame);
        return known == null ? frame : known;
    }
}
