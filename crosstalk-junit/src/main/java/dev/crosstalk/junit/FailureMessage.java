package dev.crosstalk.junit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The texts a failed gate shows. */
final class FailureMessage {
    private FailureMessage() {
    }

    /** Every finding the test produced at or above the threshold, readably, most severe first. */
    static String of(List<NewFindings.Change> changes, GateSettings settings) {
        StringBuilder b = new StringBuilder();
        int n = changes.size();
        b.append("crosstalk: this test produced ").append(n).append(n == 1 ? " finding" : " findings")
                .append(" at ").append(settings.failOn.label()).append(" or above (threshold from ")
                .append(settings.source).append(")\n");
        for (NewFindings.Change c : changes) {
            Map<String, Object> f = c.finding;
            b.append('\n').append(String.valueOf(f.get("severity")).toUpperCase(Locale.ROOT)).append(' ')
                    .append(f.get("type")).append(": ").append(f.get("state")).append('\n');
            b.append("  ").append(f.get("message")).append('\n');
            b.append("  writer: ").append(evidence(f.get("writer"))).append('\n');
            b.append("  reader: ").append(evidence(f.get("reader"))).append('\n');
            b.append("  fingerprint ").append(f.get("fingerprint")).append(": ").append(history(c)).append('\n');
        }
        return b.toString();
    }

    private static String history(NewFindings.Change c) {
        String during = times(c.countDelta()) + " during this test";
        if (c.before == null) {
            return "new, " + during;
        }
        return "seen " + times(c.before.count) + " before this test, " + during
                + (c.severityRose() ? "; severity rose from " + c.before.severity.label() : "");
    }

    private static String times(long n) {
        return n == 1 ? "1 time" : n + " times";
    }

    private static String evidence(Object side) {
        if (!(side instanceof Map)) {
            return "none";
        }
        Map<?, ?> e = (Map<?, ?>) side;
        Object id = e.get("requestId");
        boolean inRequest = id instanceof Number && ((Number) id).longValue() > 0;
        return e.get("label") + " (" + (inRequest ? "request " + id + ", " : "") + "thread " + e.get("thread")
                + ") at " + e.get("location");
    }

    /** Why a test failed before it ran: nobody is looking, so passing would prove nothing. */
    static String agentMissing(String why) {
        return "crosstalk: the crosstalk agent is not running in this test JVM, so the crosstalk gate cannot"
                + " check this test (" + why + ").\n"
                + "Start the test JVM with the agent; with Maven Surefire:\n"
                + "  <argLine>-javaagent:/path/to/crosstalk-agent.jar</argLine>\n"
                + "  (when JaCoCo or another plugin sets argLine too: <argLine>@{argLine}"
                + " -javaagent:/path/to/crosstalk-agent.jar</argLine>)\n"
                + "To run without the agent on purpose: @CrosstalkGate(requireAgent = false), or the configuration"
                + " parameter " + GateSettings.REQUIRE_AGENT + "=false.";
    }
}
