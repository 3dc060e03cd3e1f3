package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Stacks;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The code that logged a line, as the reader of what the logging framework put into it: the first
 * frame below the logging APIs and frameworks (SLF4J, Logback, Log4j 2, their bridges).
 */
final class LogCallSite {
    private static final StackWalker WALKER = StackWalker.getInstance();
    /** Package prefixes, spelled so that the shade plugin does not relocate them to the agent's own copies. */
    private static final String[] LOGGING = {dotted("org slf4j"), dotted("ch qos logback"), "org.apache.logging.",
        "org.apache.commons.logging.", "java.util.logging."};

    private LogCallSite() {
    }

    /** {@code "org slf4j"} as the prefix {@code org.slf4j.}: a constant the shade plugin cannot recognise. */
    static String dotted(String words) {
        return words.replace(' ', '.') + ".";
    }

    static boolean isLogging(String className) {
        for (String p : LOGGING) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return Stacks.isAgentFrame(className);
    }

    /** Evidence of {@code request} reading at its logging call, with a short stack from there. */
    static Evidence reader(RequestInfo request) {
        List<String> frames = WALKER.walk(s -> s.dropWhile(f -> isLogging(f.getClassName()))
                .limit(Stacks.DEPTH)
                .map(f -> f.getClassName() + "." + f.getMethodName() + "("
                        + (f.getFileName() == null ? "Unknown Source" : f.getFileName() + ":" + f.getLineNumber()) + ")")
                .collect(Collectors.toList()));
        String location = frames.isEmpty() ? "(unknown)" : frames.get(0);
        return new Evidence(request.id(), request.label(), Thread.currentThread().getName(), request.sessionKey(),
                location, frames, System.currentTimeMillis());
    }
}
