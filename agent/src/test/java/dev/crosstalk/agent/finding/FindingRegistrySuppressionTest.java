package dev.crosstalk.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Suppressed findings never reach an output, cost no evidence on repeat, and are counted. */
class FindingRegistrySuppressionTest {
    private final Finding flow = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, "com.acme.R.cache[key#1]");
    private final Finding fill = TestFindings.of(FindingType.PUBLISH_THEN_POPULATE, Severity.WARNING, "com.acme.App.s");
    private final AtomicInteger built = new AtomicInteger();

    @Test
    void suppressedFindingIsNeitherNewNorListedAndIsBuiltOnce() throws Exception {
        FindingRegistry r = new FindingRegistry(10, types("cross-request-flow"));
        for (int i = 0; i < 5; i++) {
            assertSame(flow, r.record(flow.fingerprint(), counting(flow)), "the detector gets it back to count");
        }
        assertSame(fill, r.record(fill.fingerprint(), counting(fill)));

        assertEquals(2, built.get(), "evidence built once per distinct finding");
        assertEquals(List.of(fill), r.all());
        assertSame(fill, r.takeNew(0));
        assertNull(r.takeNew(0), "the suppressed finding is never handed to the reporter");
        assertEquals(List.of(), r.dueForUpdate());
        assertEquals(1, r.suppressed());
        assertEquals(5, r.suppressedOccurrences());
        assertEquals(Map.of("type", 1L), r.suppressedByReason());
        assertEquals(5, flow.count());
    }

    @Test
    void countsSayWhy() {
        Finding other = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.INFO, "com.acme.Other.x");
        Suppression s = new Suppression(List.of("com.acme.App.*"), List.of(), List.of(other.fingerprint()),
                Map.of(flow.fingerprint(), Severity.ERROR));
        FindingRegistry r = new FindingRegistry(10, s);
        for (Finding f : List.of(flow, fill, other, flow)) {
            r.record(f.fingerprint(), counting(f));
        }
        assertEquals(List.of(), r.all());
        assertEquals(Map.of("state", 1L, "fingerprint", 1L, "baseline", 1L), r.suppressedByReason());
        assertEquals(3, r.suppressed());
        assertEquals(4, r.suppressedOccurrences());
    }

    @Test
    void nothingSuppressedCountsNothing() {
        FindingRegistry r = new FindingRegistry(10);
        r.record(flow.fingerprint(), counting(flow));
        assertEquals(0, r.suppressed());
        assertEquals(0, r.suppressedOccurrences());
        assertEquals(Map.of(), r.suppressedByReason());
    }

    @Test
    void baselineFindingThatRisesAboveItsLineIsReportedFromThenOn() throws Exception {
        Finding cache = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.INFO, "com.acme.R.cache[key#1]");
        FindingRegistry r = new FindingRegistry(10, new Suppression(List.of(), List.of(), List.of(),
                Map.of(cache.fingerprint(), Severity.WARNING)));
        Finding got = r.record(cache.fingerprint(), counting(cache));
        r.escalate(got, Severity.WARNING, "still known", got.writer(), got.reader(), null);
        assertEquals(List.of(), r.all(), "a warning is what the baseline accepts");
        assertNull(r.takeNew(0));

        r.escalate(got, Severity.ERROR, "per-request data after all", got.writer(), got.reader(), null);
        assertEquals(List.of(cache), r.all());
        assertSame(cache, r.takeNew(0));
        assertEquals(0, r.suppressed());
        assertSame(cache, r.record(cache.fingerprint(), counting(cache)), "repeats count on the reported finding");
        assertEquals(1, built.get());
    }

    @Test
    void optionSuppressedFindingStaysSuppressedWhenItRises() throws Exception {
        Finding cache = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.INFO, "com.acme.R.cache[key#1]");
        FindingRegistry r = new FindingRegistry(10, types("cross-request-flow"));
        Finding got = r.record(cache.fingerprint(), counting(cache));
        r.escalate(got, Severity.ERROR, "per-request data", got.writer(), got.reader(), null);
        assertEquals(List.of(), r.all());
        assertNull(r.takeNew(0));
        assertEquals(Severity.ERROR, got.severity());
    }

    @Test
    void suppressedFindingsAreCappedLikeTheRegistry() {
        FindingRegistry r = new FindingRegistry(2, types("cross-request-flow"));
        for (int i = 0; i < 3; i++) {
            Finding f = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, "com.acme.C.f" + i);
            r.record(f.fingerprint(), counting(f));
        }
        assertEquals(2, r.suppressed());
        assertEquals(3, r.suppressedOccurrences(), "the one beyond the cap still counts as an occurrence");
        assertTrue(r.all().isEmpty());
        Finding reported = TestFindings.of(FindingType.PUBLISH_THEN_POPULATE, Severity.ERROR, "com.acme.P.q");
        assertSame(reported, r.record(reported.fingerprint(), counting(reported)),
                "the suppressed ones do not use up the registry's own room");
    }

    private Supplier<Finding> counting(Finding f) {
        return () -> {
            built.incrementAndGet();
            return f;
        };
    }

    private static Suppression types(String... ids) {
        return new Suppression(List.of(), List.of(ids), List.of(), Map.of());
    }
}
