package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.ThreadState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The MDC as the logging framework reads it: a log event made during request B while SLF4J's MDC still
 * holds the value request A put there is B reading it. The real MDC is used, since the runtime asks it
 * what it holds when the event is made; the framework is named by a class of the test's own loader.
 */
class LoggedMdcTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, true);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> false);
    private final int put = sites.register("com.acme.UserFilter", "doFilter", "UserFilter.java", 13, null, false,
            "org.slf4j.MDC", 0);
    private final int threadContextPut = sites.register("com.acme.UserFilter", "doFilter", "UserFilter.java", 14, null,
            false, "org.apache.logging.log4j.ThreadContext", 0);
    /** A Logback-like framework: not Log4j's, so it reads SLF4J's MDC. */
    private static final Class<?> LOGBACK_LIKE = LoggedMdcTest.class;

    @BeforeEach
    @AfterEach
    void clean() {
        ThreadState.get().clear();
        MDC.clear();
    }

    @Test
    void lineLoggedByTheNextRequestWhileTheMdcHoldsTheEarlierUserIsACarryOverError() {
        String alice = new String("alice");
        inRequest("GET /login", () -> {
            recorder.mdcPut(put, "user", alice);
            MDC.put("user", alice);
            recorder.logEvent(LOGBACK_LIKE); // its own line: quiet
        });
        assertEquals(List.of(Severity.WARNING), severities(), RecordedFindings.describe(findings));
        inRequest("GET /hello", () -> recorder.logEvent(LOGBACK_LIKE));
        Finding f = RecordedFindings.only(findings, FindingType.THREADLOCAL_CARRYOVER);
        assertEquals(List.of(Severity.ERROR, "org.slf4j.MDC[user]", "GET /login", "GET /hello"),
                List.of(f.severity(), f.state(), f.writer().label(), f.reader().label()), RecordedFindings.describe(findings));
        assertTrue(f.message().startsWith("ThreadLocal carry-over into the log: org.slf4j.MDC[user] was set by GET"
                + " /login"), f.message());
    }

    @Test
    void entryRemovedInFinallyIsQuiet() {
        String alice = new String("alice");
        inRequest("GET /login", () -> {
            recorder.mdcPut(put, "user", alice);
            MDC.put("user", alice);
            recorder.mdcPut(put, "user", null);
            MDC.remove("user");
        });
        inRequest("GET /hello", () -> recorder.logEvent(LOGBACK_LIKE));
        assertEquals(List.of(), severities(), RecordedFindings.describe(findings));
    }

    @Test
    void entryTheNextRequestSetItselfIsQuiet() {
        inRequest("GET /login", () -> {
            recorder.mdcPut(put, "user", "alice");
            MDC.put("user", "alice");
        });
        inRequest("GET /login?bob", () -> {
            String bob = new String("bob");
            recorder.mdcPut(put, "user", bob);
            MDC.put("user", bob);
            recorder.logEvent(LOGBACK_LIKE);
        });
        assertEquals(List.of(Severity.WARNING), severities(), "only left set at the end: " + RecordedFindings.describe(findings));
    }

    @Test
    void entryReplacedByCodeNobodySawIsQuiet() {
        inRequest("GET /login", () -> {
            recorder.mdcPut(put, "user", new String("alice"));
            MDC.put("user", "someone else");
        });
        inRequest("GET /hello", () -> recorder.logEvent(LOGBACK_LIKE));
        assertEquals(List.of(Severity.WARNING), severities(), RecordedFindings.describe(findings));
    }

    @Test
    void anEntryOfLog4jsThreadContextIsNotWhatLogbackReads() {
        String alice = new String("alice");
        inRequest("GET /login", () -> {
            recorder.mdcPut(threadContextPut, "user", alice);
            MDC.put("user", "bob"); // SLF4J's MDC holds another value under the same key
        });
        inRequest("GET /hello", () -> recorder.logEvent(LOGBACK_LIKE));
        assertEquals(List.of(Severity.WARNING), severities(), RecordedFindings.describe(findings));
        assertEquals("org.apache.logging.log4j.ThreadContext[user]", RecordedFindings.only(findings, FindingType.THREADLOCAL_CARRYOVER).state());
    }

    @Test
    void linesLoggedOutsideRequestsAreQuiet() {
        String alice = new String("alice");
        inRequest("GET /login", () -> {
            recorder.mdcPut(put, "user", alice);
            MDC.put("user", alice);
        });
        recorder.logEvent(LOGBACK_LIKE); // a background job on the same thread, say
        assertEquals(List.of(Severity.WARNING), severities(), RecordedFindings.describe(findings));
    }

    private void inRequest(String label, Runnable work) {
        Requests.inRequest(recorder, label, work);
    }

    private List<Severity> severities() {
        List<Severity> out = new ArrayList<>();
        findings.all().forEach(f -> out.add(f.severity()));
        return out;
    }

}
