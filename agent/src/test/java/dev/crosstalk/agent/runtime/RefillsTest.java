package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.MutationHooks;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A value kept for the key in the field beside it, checked and refilled holding a lock: a formatted
 * date for its second, a file's block buffer for its position (Spring Boot's {@code FileDataBlock}).
 * Requests refill it with different values, because they asked for different keys: a single-entry
 * cache, information. The same code without the lock (a torn pair under a race), one that reads back
 * what it wrote itself, and one that checks another class's field stay per-request data.
 */
class RefillsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, findings, 1000);
    private final Object lock = new Object();

    // com.acme.Stamp: static long second; static String text
    private final StaticField second = fields.field("com/acme/Stamp", "second", "J");
    private final StaticField text = fields.field("com/acme/Stamp", "text", "Ljava/lang/String;");
    private final StaticField elsewhere = fields.field("com/acme/Clock", "second", "J");
    private final int readSecond = sites.register("com.acme.Stamp", "format", "Stamp.java", 10, second, false);
    private final int writeText = sites.register("com.acme.Stamp", "format", "Stamp.java", 11, text, false);
    private final int writeSecond = sites.register("com.acme.Stamp", "format", "Stamp.java", 12, second, false);
    private final int readText = sites.register("com.acme.Stamp", "format", "Stamp.java", 14, text, false);
    private final int readElsewhere = sites.register("com.acme.Stamp", "format", "Stamp.java", 9, elsewhere, false);
    private final int writeElsewhere = sites.register("com.acme.Clock", "tick", "Clock.java", 5, elsewhere, false);
    private final StaticField started = fields.field("com/acme/Stamp", "started", "Z");
    private final int readStarted = sites.register("com.acme.Stamp", "handle", "Stamp.java", 20, started, false);
    private final int writeStarted = sites.register("com.acme.Stamp", "handle", "Stamp.java", 21, started, false);
    private final int writeCurrent = sites.register("com.acme.Stamp", "handle", "Stamp.java", 22, text, false);
    private long secondValue;
    private boolean startedValue;

    @BeforeEach
    @AfterEach
    void noRequestNoLocks() {
        ThreadState.get().clear();
        ThreadState.get().locks.clear();
    }

    @Test
    void aStampRefilledHoldingALockAfterCheckingItsSecondIsASingleEntryCache() {
        inRequest("GET /at/1", () -> locked(() -> format(1)));
        inRequest("GET /at/2", () -> locked(() -> format(2)));
        inRequest("GET /at/2?again", () -> locked(() -> format(2)));
        assertEquals(List.of(), errors(), "every refill checked the second first");
        Finding stamp = finding("com.acme.Stamp.text");
        assertEquals(Severity.INFO, stamp.severity());
        assertTrue(stamp.message().startsWith("Single-entry cache") && stamp.message().contains("com.acme.Stamp.second"),
                stamp.message());
        assertEquals(List.of("GET /at/2", "GET /at/2?again"), List.of(stamp.writer().label(), stamp.reader().label()));
    }

    @Test
    void theSameStampWithoutTheLockIsPerRequestData() {
        for (long s : new long[] {1, 2, 2}) {
            inRequest("GET /at/" + s, () -> format(s));
        }
        assertEquals(List.of("com.acme.Stamp.text"), errors(), "a torn pair under a race: no check, no refill");
        assertTrue(finding("com.acme.Stamp.text").message().startsWith("Per-request data"));
    }

    @Test
    void aCheckOutsideTheLockIsNoCheck() {
        for (long s : new long[] {1, 2, 2}) {
            inRequest("GET /at/" + s, () -> {
                boolean stale = readSecond() != s;
                locked(() -> {
                    if (stale) {
                        fill(s);
                    }
                    readText();
                });
            });
        }
        assertEquals(List.of("com.acme.Stamp.text"), errors());
    }

    @Test
    void readingBackItsOwnWriteIsNoCheck() {
        // query, then results built from it: both per-request data, whatever is read in between
        for (long s : new long[] {1, 2, 2}) {
            inRequest("GET /query/" + s, () -> locked(() -> {
                recorder.staticWrite(writeSecond, null, s);
                secondValue = s;
                readSecond();
                recorder.staticWrite(writeText, "results for " + s, 0L);
            }));
        }
        inRequest("GET /results", () -> recorder.staticRead(readText, "results for 2"));
        assertEquals(List.of("com.acme.Stamp.text"), errors());
    }

    @Test
    void aCheckOfAnotherClassFieldIsNoCheck() {
        for (long s : new long[] {1, 2, 2}) {
            inRequest("GET /tick/" + s, () -> locked(() -> {
                recorder.staticRead(readElsewhere, null);
                recorder.staticWrite(writeElsewhere, null, s);
                recorder.staticWrite(writeText, "at " + s, 0L);
                secondValue = s;
            }));
        }
        inRequest("GET /stamp", () -> locked(this::readText));
        assertEquals(List.of("com.acme.Stamp.text"), errors());
    }

    @Test
    void aWriteAfterCheckingAFlagTheRequestLeavesAloneStaysPerRequestData() {
        // synchronized handle(): if (!started) { started = true; } current = this request's value
        for (String r : List.of("a", "b", "c")) {
            inRequest("GET /handle/" + r, () -> locked(() -> {
                recorder.staticRead(readStarted, null);
                if (!startedValue) {
                    recorder.staticWrite(writeStarted, null, 1L);
                    startedValue = true;
                }
                recorder.staticWrite(writeCurrent, "request " + r, 0L);
            }));
        }
        inRequest("GET /current", () -> locked(() -> recorder.staticRead(readText, "request c")));
        assertEquals(List.of("com.acme.Stamp.text"), errors(), "the flag was checked, but the key of nothing");
    }

    /** The stamp's format: refill text and second when the second changed, then read the text. */
    private void format(long s) {
        if (readSecond() != s) {
            fill(s);
        }
        readText();
    }

    private void fill(long s) {
        recorder.staticWrite(writeText, "at " + s, 0L);
        recorder.staticWrite(writeSecond, null, s);
        secondValue = s;
    }

    private long readSecond() {
        recorder.staticRead(readSecond, null);
        return secondValue;
    }

    private void readText() {
        recorder.staticRead(readText, "at " + secondValue);
    }

    /** Runs {@code work} holding {@link #lock}, as instrumented code tells the hooks. */
    private void locked(Runnable work) {
        synchronized (lock) {
            recorder.lockEvent(lock, MutationHooks.MONITOR_ENTER);
            try {
                work.run();
            } finally {
                recorder.lockEvent(lock, MutationHooks.MONITOR_EXIT);
            }
        }
    }

    private void inRequest(String label, Runnable work) {
        Requests.inRequest(recorder, label, work);
    }

    private List<String> errors() {
        return findings.all().stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::state)
                .sorted().collect(Collectors.toList());
    }

    private Finding finding(String state) {
        return findings.all().stream()
                .filter(f -> f.type() == FindingType.CROSS_REQUEST_FLOW && f.state().equals(state)).findFirst()
                .orElseThrow(() -> new AssertionError("no flow on " + state + ": " + findings.all()));
    }
}
