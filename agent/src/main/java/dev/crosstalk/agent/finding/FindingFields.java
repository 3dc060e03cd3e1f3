package dev.crosstalk.agent.finding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finding as a map of JDK types with the field names of the output contract (see
 * {@code docs/findings.md}): the body of every JSON event, of the report, and of the in-JVM API. One
 * place, so that the three never disagree on a name.
 */
public final class FindingFields {
    private FindingFields() {
    }

    /** Every field of {@code f}; {@code writer}/{@code reader} are maps or null. */
    public static Map<String, Object> of(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
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
        String webapp = f.webapp();
        if (webapp != null) {
            m.put("webapp", webapp); // only where one JVM runs several webapps: a plain app's events are unchanged
        }
        return m;
    }

    /** One side of a finding, or null. */
    public static Map<String, Object> evidence(Evidence e) {
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
