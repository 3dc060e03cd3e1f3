package dev.crosstalk.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * The findings of the crosstalk agent running in this JVM, read through its {@code Hooks} class by
 * reflection: the agent puts that class on the boot class path, where this module cannot link to it
 * and must not bring its own copy.
 */
final class AgentFindings {
    /** The agent's in-JVM API: {@code findings()} and {@code active()}. */
    static final String HOOKS = "dev.crosstalk.bootstrap.Hooks";

    private final Method findings;
    private final Method active;
    private final String absence;

    private AgentFindings(Method findings, Method active, String absence) {
        this.findings = findings;
        this.active = active;
        this.absence = absence;
    }

    /**
     * Finds {@code hooksClass} on the boot class path, where the running agent puts it. A copy found
     * only on the class path is never the live one, and only serves to say what went wrong.
     */
    static AgentFindings lookup(String hooksClass) {
        Class<?> hooks;
        try {
            hooks = Class.forName(hooksClass, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return new AgentFindings(null, null, onClassPathOnly(hooksClass)
                    ? hooksClass + " is on the test class path but not on the boot class path: the crosstalk-agent"
                            + " jar is a dependency of the tests instead of a -javaagent of their JVM"
                    : hooksClass + " is not loaded: the test JVM was started without -javaagent:crosstalk-agent.jar");
        }
        try {
            return new AgentFindings(hooks.getMethod("findings"), hooks.getMethod("active"), null);
        } catch (NoSuchMethodException e) {
            return new AgentFindings(null, null, hooksClass + " has no " + e.getMessage()
                    + "(): the crosstalk agent on -javaagent is older than this crosstalk-junit");
        }
    }

    private static boolean onClassPathOnly(String hooksClass) {
        try {
            Class.forName(hooksClass, false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True when the agent's runtime is installed, so that no findings means nothing was found. */
    boolean running() {
        return active != null && (Boolean) call(active);
    }

    /** Why {@link #running()} is false, for the failure message. */
    String whyNotRunning() {
        if (absence != null) {
            return absence;
        }
        return running() ? null : "the agent's hooks are loaded but its runtime is not installed: the agent"
                + " stayed off (its line on the test JVM's stderr says why, a failed self-test for example)";
    }

    /** Every finding so far, one map per finding with the agent's JSON field names. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> all() {
        if (findings == null) {
            return List.of();
        }
        return (List<Map<String, Object>>) call(findings);
    }

    /**
     * The findings once they have stopped changing for {@code quietMillis}, waiting at most
     * {@code maxMillis}. Returns at once when {@code quietMillis} is 0.
     */
    List<Map<String, Object>> settled(long quietMillis, long maxMillis) {
        List<Map<String, Object>> last = all();
        if (quietMillis <= 0) {
            return last;
        }
        Map<String, NewFindings.Seen> seen = NewFindings.snapshot(last);
        long poll = Math.max(5, Math.min(20, quietMillis / 5));
        long start = System.nanoTime();
        long quietSince = start;
        while (millisSince(quietSince) < quietMillis && millisSince(start) < maxMillis) {
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            List<Map<String, Object>> now = all();
            Map<String, NewFindings.Seen> nowSeen = NewFindings.snapshot(now);
            if (!nowSeen.equals(seen)) {
                seen = nowSeen;
                quietSince = System.nanoTime();
            }
            last = now;
        }
        return last;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static Object call(Method m) {
        try {
            return m.invoke(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("crosstalk: cannot call " + m, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("crosstalk: " + m + " failed", e.getCause());
        }
    }
}
