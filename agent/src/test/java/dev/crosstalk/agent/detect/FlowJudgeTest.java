package dev.crosstalk.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Severity;
import org.junit.jupiter.api.Test;

class FlowJudgeTest {
    private static final String STATE = "com.acme.Settings.current";
    private static final String A = "GET /a (request 1)";
    private static final String B = "GET /b (request 2)";
    private static final String C = "GET /c (request 3)";

    @Test
    void perRequestDataInAFieldIsAnError() {
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(STATE, false, true, A, B, false, B, C));
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().startsWith("Per-request data"), v.message());
        assertSaysWhy(v, STATE, B, C);
        assertTrue(v.message().contains(A + " and " + B), "names both writers that diverged: " + v.message());
    }

    @Test
    void incompletelyKeyedCacheIsAnError() {
        String cache = "com.acme.PatternRemixer.sampleCache";
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(cache, true, true, A, B, false, B, C));
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().startsWith("Incompletely keyed cache"), v.message());
        assertSaysWhy(v, cache, B, C);
        assertTrue(v.message().contains(A + " and " + B), "names both writers that diverged: " + v.message());
    }

    @Test
    void divergedStateIsAnErrorEvenIfSomeRequestAlsoAccumulated() {
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(STATE, false, true, A, B, true, B, C));
        assertEquals(Severity.ERROR, v.severity());
    }

    @Test
    void singleEntryCacheRefilledUnderALockIsInformationNamingItsKey() {
        String buffer = "com.acme.BlockFile.bufferSize";
        String key = "com.acme.BlockFile.bufferPosition";
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(buffer, false, false, A, null, false, B, C, key));
        assertEquals(Severity.INFO, v.severity());
        assertTrue(v.message().startsWith("Single-entry cache"), v.message());
        assertTrue(v.message().contains("holding a lock") && v.message().contains(key), v.message());
        assertSaysWhy(v, buffer, B, C);
    }

    @Test
    void plainWritesThatDivergedStayAnErrorBesideRefills() {
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(STATE, false, true, A, B, false, B, C,
                "com.acme.Settings.version"));
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().startsWith("Per-request data"), v.message());
    }

    @Test
    void counterIsInformation() {
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(STATE, false, false, null, null, true, A, B));
        assertEquals(Severity.INFO, v.severity());
        assertTrue(v.message().startsWith("Accumulation"), v.message());
        assertSaysWhy(v, STATE, A, B);
    }

    @Test
    void lazilyBuiltSingletonIsInformation() {
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(STATE, false, false, A, null, false, A, B));
        assertEquals(Severity.INFO, v.severity());
        assertTrue(v.message().startsWith("Write-once-read-many"), v.message());
        assertSaysWhy(v, STATE, A, B);
    }

    @Test
    void stateWithoutAnyPlainWriterIsWriteOnceReadMany() {
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(STATE, false, false, null, null, false, A, B));
        assertEquals(Severity.INFO, v.severity());
        assertTrue(v.message().startsWith("Write-once-read-many"), v.message());
    }

    @Test
    void cacheThatAlwaysHoldsTheSameValueIsInformation() {
        String cache = "com.acme.PatternRemixer.sampleCache";
        FlowJudge.Verdict v = FlowJudge.judge(new FlowFacts(cache, true, false, A, null, false, B, C));
        assertEquals(Severity.INFO, v.severity());
        assertTrue(v.message().startsWith("Cache with stable values"), v.message());
        assertSaysWhy(v, cache, B, C);
    }

    private static void assertSaysWhy(FlowJudge.Verdict v, String state, String writer, String reader) {
        assertTrue(v.message().contains(state), "names the state: " + v.message());
        assertTrue(v.message().contains(writer), "names the writer: " + v.message());
        assertTrue(v.message().contains(reader), "names the reader: " + v.message());
    }
}
