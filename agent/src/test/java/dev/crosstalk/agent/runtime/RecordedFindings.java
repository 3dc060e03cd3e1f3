package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import java.util.ArrayList;
import java.util.List;

/** What a runtime test's registry holds, for its assertions and their messages. */
final class RecordedFindings {
    private RecordedFindings() {
    }

    static List<Finding> of(FindingRegistry findings, FindingType type) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings.all()) {
            if (f.type() == type) {
                out.add(f);
            }
        }
        return out;
    }

    /** The one finding of {@code type}; fails, listing them all, when there is not exactly one. */
    static Finding only(FindingRegistry findings, FindingType type) {
        List<Finding> all = of(findings, type);
        assertEquals(1, all.size(), "one " + type + " finding: " + describe(findings));
        return all.get(0);
    }

    /** {@code TYPE state} of every warning and error. */
    static List<String> warnings(FindingRegistry findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings.all()) {
            if (f.severity() != Severity.INFO) {
                out.add(f.type() + " " + f.state());
            }
        }
        return out;
    }

    static String describe(FindingRegistry findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings.all()) {
            sb.append("\n  ").append(f.type()).append(' ').append(f.severity()).append(' ').append(f.state())
                    .append(" writer=").append(f.writer() == null ? null : f.writer().label())
                    .append(" reader=").append(f.reader() == null ? null : f.reader().label())
                    .append(" details=").append(f.details()).append(": ").append(f.message());
        }
        return sb.length() == 0 ? "(no findings)" : sb.toString();
    }
}
