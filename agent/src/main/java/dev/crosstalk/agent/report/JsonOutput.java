package dev.crosstalk.agent.report;

import ch.qos.logback.classic.Logger;
import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import net.logstash.logback.marker.Markers;

/**
 * Findings as JSON lines for log shippers: one object per finding event, with the fields of the
 * spec's output contract ({@code type}, {@code severity}, {@code state}, {@code fingerprint},
 * {@code message}, {@code count}, {@code writer}, {@code reader}) and more. Fields are only ever
 * added, never renamed: dashboards depend on them.
 */
final class JsonOutput extends Output {
    private final Logger logger;
    private final AgentInfo agent;

    JsonOutput(Logger logger, Severity minimum, AgentInfo agent) {
        super(minimum);
        this.logger = logger;
        this.agent = agent;
    }

    @Override
    void write(Finding f, EventKind kind, boolean escalated) {
        logger.info(Markers.appendEntries(fields(f, kind, agent)), "finding");
    }

    static Map<String, Object> fields(Finding f, EventKind kind, AgentInfo agent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", kind.label());
        m.put("type", f.type().id());
        m.put("severity", f.severity().label());
        m.put("state", f.state());
        m.put("fingerprint", f.fingerprint());
        m.put("message", f.message());
        m.put("count", f.count());
        m.put("firstSeen", f.firstSeen().toString());
        m.put("lastSeen", f.lastSeen().toString());
        m.put("writer", evidence(f.writer()));
        m.put("reader", evidence(f.reader()));
        if (!f.details().isEmpty()) {
            m.put("details", f.details());
        }
        m.put("agent", agent.fields());
        return m;
    }

    private static Map<String, Object> evidence(Evidence e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", e.requestId());
        m.put("label", e.label());
        m.put("thread", e.thread());
        m.put("session", e.session());
        m.put("location", e.location());
        m.put("stack", e.stack());
        return m;
    }
}
