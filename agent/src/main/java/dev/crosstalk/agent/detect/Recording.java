package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one way a detector records a finding: by fingerprint, with the evidence built only when the
 * finding is new (or raised), since evidence means capturing a stack.
 */
final class Recording {
    private Recording() {
    }

    /** Records an occurrence of the finding; the first occurrence's severity and wording stay. */
    static Finding record(FindingRegistry findings, FindingType type, FlowJudge.Verdict v, String state,
            String fingerprint, Supplier<Evidence> writer, Supplier<Evidence> reader, Map<String, Object> details) {
        return findings.record(fingerprint, v.severity(), () -> new Finding(type, v.severity(), state, fingerprint,
                v.message(), writer.get(), reader.get(), details));
    }

    /**
     * Records an occurrence, and when this one is judged more severe than the finding so far, raises
     * the finding to this severity, wording and evidence.
     */
    static Finding recordOrRaise(FindingRegistry findings, FindingType type, FlowJudge.Verdict v, String state,
            String fingerprint, Supplier<Evidence> writer, Supplier<Evidence> reader, Map<String, Object> details) {
        Finding f = record(findings, type, v, state, fingerprint, writer, reader, details);
        if (f != null && v.severity().compareTo(f.severity()) > 0) {
            findings.escalate(f, v.severity(), v.message(), writer.get(), reader.get(), details);
        }
        return f;
    }
}
