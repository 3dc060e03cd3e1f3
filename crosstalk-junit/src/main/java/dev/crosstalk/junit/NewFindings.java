package dev.crosstalk.junit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a test added to the agent's findings: comparing a snapshot taken before it with the findings
 * after it, by fingerprint.
 */
final class NewFindings {
    private NewFindings() {
    }

    /** What the gate remembers of one finding: enough to tell that it recurred or got worse. */
    static final class Seen {
        final long count;
        final Severity severity;

        Seen(long count, Severity severity) {
            this.count = count;
            this.severity = severity;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Seen && ((Seen) o).count == count && ((Seen) o).severity == severity;
        }

        @Override
        public int hashCode() {
            return Objects.hash(count, severity);
        }
    }

    /** A finding that is new since the snapshot, recurred, or whose severity rose. */
    static final class Change {
        final Map<String, Object> finding;
        /** Null when the finding is new. */
        final Seen before;
        final Seen now;

        Change(Map<String, Object> finding, Seen before, Seen now) {
            this.finding = finding;
            this.before = before;
            this.now = now;
        }

        /** Occurrences during the test. */
        long countDelta() {
            return now.count - (before == null ? 0 : before.count);
        }

        boolean severityRose() {
            return before != null && now.severity.compareTo(before.severity) > 0;
        }
    }

    /** Fingerprint to count and severity. */
    static Map<String, Seen> snapshot(List<Map<String, Object>> findings) {
        Map<String, Seen> out = new LinkedHashMap<>();
        for (Map<String, Object> f : findings) {
            out.put(String.valueOf(f.get("fingerprint")), seen(f));
        }
        return out;
    }

    /**
     * The findings at or above {@code failOn} that are not in {@code before}, or whose count or
     * severity rose since; most severe first.
     */
    static List<Change> since(Map<String, Seen> before, List<Map<String, Object>> now, Severity failOn) {
        List<Change> out = new ArrayList<>();
        for (Map<String, Object> f : now) {
            Seen was = before.get(String.valueOf(f.get("fingerprint")));
            Seen is = seen(f);
            if (is.severity.compareTo(failOn) < 0) {
                continue;
            }
            if (was == null || is.count > was.count || is.severity.compareTo(was.severity) > 0) {
                out.add(new Change(f, was, is));
            }
        }
        out.sort(Comparator.comparing((Change c) -> c.now.severity).reversed()
                .thenComparing(c -> String.valueOf(c.finding.get("state"))));
        return out;
    }

    private static Seen seen(Map<String, Object> f) {
        Object count = f.get("count");
        // A severity this version does not know (the contract only ever adds) counts as the highest,
        // so that a newer agent's findings are never let through unseen.
        Severity s = Severity.parse(String.valueOf(f.get("severity")));
        return new Seen(count instanceof Number ? ((Number) count).longValue() : 0, s == null ? Severity.ERROR : s);
    }
}
