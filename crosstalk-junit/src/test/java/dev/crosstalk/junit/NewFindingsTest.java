package dev.crosstalk.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which findings a test added, on findings built by hand in the agent's field names. */
class NewFindingsTest {
    private static Map<String, Object> finding(String fingerprint, String severity, long count) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "cross-request-flow");
        f.put("severity", severity);
        f.put("state", "com.acme.State." + fingerprint);
        f.put("fingerprint", fingerprint);
        f.put("count", count);
        return f;
    }

    private static List<String> changed(List<Map<String, Object>> before, List<Map<String, Object>> after, Severity failOn) {
        return NewFindings.since(NewFindings.snapshot(before), after, failOn).stream()
                .map(c -> c.finding.get("fingerprint") + " +" + c.countDelta() + (c.severityRose() ? " rose" : ""))
                .collect(Collectors.toList());
    }

    @Test
    void newRecurringAndEscalatedFindingsAreTheTestsUnchangedOnesAreNot() {
        List<Map<String, Object>> before = List.of(finding("same", "error", 3), finding("again", "error", 2),
                finding("worse", "warning", 1));
        List<Map<String, Object>> after = List.of(finding("same", "error", 3), finding("again", "error", 5),
                finding("worse", "error", 1), finding("fresh", "error", 2));

        assertEquals(List.of("again +3", "fresh +2", "worse +0 rose"), changed(before, after, Severity.ERROR));
    }

    @Test
    void findingsBelowTheThresholdDoNotCountAndTheMostSevereComeFirst() {
        List<Map<String, Object>> after = List.of(finding("i", "info", 1), finding("w", "warning", 1),
                finding("e", "error", 1));

        assertEquals(List.of("e +1"), changed(List.of(), after, Severity.ERROR));
        assertEquals(List.of("e +1", "w +1"), changed(List.of(), after, Severity.WARNING));
        assertEquals(List.of("e +1", "w +1", "i +1"), changed(List.of(), after, Severity.INFO));
    }

    @Test
    void aSeverityThisVersionDoesNotKnowIsNeverLetThrough() {
        assertEquals(List.of("x +1"), changed(List.of(), List.of(finding("x", "critical", 1)), Severity.ERROR));
    }
}
