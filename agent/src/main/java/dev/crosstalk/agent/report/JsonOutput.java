package dev.crosstalk.agent.report;

import ch.qos.logback.classic.Logger;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingFields;
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
        this(logger, minimum, agent, null);
    }

    /** @param trouble what the JSON file could not write, or null when the output is not a file */
    JsonOutput(Logger logger, Severity minimum, AgentInfo agent, WriteTrouble trouble) {
        super(minimum, trouble);
        this.logger = logger;
        this.agent = agent;
    }

    @Override
    void write(Finding f, EventKind kind, boolean escalated) {
        logger.info(Markers.appendEntries(fields(f, kind, agent)), "finding");
    }

    /** As over TCP after the input was away: the latest state again, marked {@code "resync": true}. */
    @Override
    void writeAgain(Finding f, EventKind kind, boolean escalated) {
        Map<String, Object> fields = fields(f, kind, agent);
        fields.put("resync", true);
        logger.info(Markers.appendEntries(fields), "finding");
    }

    static Map<String, Object> fields(Finding f, EventKind kind, AgentInfo agent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", kind.label());
        m.putAll(FindingFields.of(f));
        m.put("agent", agent.fields());
        return m;
    }
}
