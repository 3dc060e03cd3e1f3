package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.bootstrap.FieldHooks;
import dev.crosstalk.bootstrap.Hooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Static reads through the bootstrap hook, which skips the runtime for a read that needed nothing of
 * it last time (same site, same value, no static changed standing since): the read must be judged
 * again as soon as a request writes the field or a reset makes it resettable, even when the value
 * read is the very object the settled read saw; a resettable field's reads are never settled.
 */
class SettledReadsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> false);
    /** Static reads that reached the runtime. */
    private final AtomicInteger runtimeReads = new AtomicInteger();

    private final StaticField current = fields.field("com/acme/Settings", "current", "Ljava/lang/String;");
    private final int setCurrent = sites.register("com.acme.Settings", "set", "Settings.java", 10, current, false);
    private final int getCurrent = sites.register("com.acme.Settings", "get", "Settings.java", 20, current, false);

    private final StaticField settings = fields.field("com/acme/Application", "settings", "Ljava/util/Map;");
    private final int publish = sites.register("com.acme.Application", "start", "Application.java", 17, settings,
            false);
    private final int resetterReads = sites.register("com.acme.Application", "reset", "Application.java", 29,
            settings, false);
    private final int clear = sites.register("com.acme.Application", "reset", "Application.java", 30, null, false);
    private final int pageReads = sites.register("com.acme.PageServlet", "setting", "PageServlet.java", 48, settings,
            false);
    private final int pageGet = sites.register("com.acme.PageServlet", "setting", "PageServlet.java", 48, null,
            false);

    @BeforeEach
    void install() {
        ThreadState.get().clear();
        CountingSink.install(recorder, "staticRead", runtimeReads);
    }

    @AfterEach
    void uninstall() {
        ThreadState.get().clear();
        Hooks.install(null);
    }

    @Test
    void aReadOfStateNoRequestWritesReachesTheRuntimeOncePerValue() {
        String studio = new String("studio");
        for (int i = 0; i < 100; i++) {
            Requests.inRequest(recorder, "GET /tempo", () -> FieldHooks.getStaticRef(studio, getCurrent));
        }
        assertEquals(1, runtimeReads.get());
        Requests.inRequest(recorder, "GET /tempo", () -> FieldHooks.getStaticRef(new String("studio"), getCurrent));
        assertEquals(2, runtimeReads.get(), "another object, though equal, is another value");
        assertEquals(List.of(), findings.all());
    }

    @Test
    void aSettledValueIsJudgedOnceARequestWroteTheField() {
        String bob = new String("bob");
        for (int i = 0; i < 3; i++) {
            Requests.inRequest(recorder, "GET /x", () -> FieldHooks.getStaticRef(bob, getCurrent));
        }
        assertEquals(1, runtimeReads.get(), "settled after the first read");
        Requests.inRequest(recorder, "GET /a", () -> recorder.staticWrite(setCurrent, "alice", 0L));
        Requests.inRequest(recorder, "GET /b", () -> recorder.staticWrite(setCurrent, bob, 0L));
        Requests.inRequest(recorder, "GET /c", () -> FieldHooks.getStaticRef(bob, getCurrent));

        assertEquals(2, runtimeReads.get(), "the same object, but the field was written by requests since");
        Finding f = only(FindingType.CROSS_REQUEST_FLOW);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("GET /b", f.writer().label());
        assertEquals("GET /c", f.reader().label());
    }

    @Test
    void aMapOnceClearedByARequestIsReadThroughTheRuntimeFromThenOn() {
        Map<String, Object> map = new HashMap<>(Map.of("title", "T", "foo", "F"));
        recorder.staticWrite(publish, map, 0L); // at start-up, built then published
        Requests.inRequest(recorder, "GET /page", () -> pageReads(map, "title"));
        Requests.inRequest(recorder, "GET /page", () -> pageReads(map, "title"));
        assertEquals(1, runtimeReads.get(), "settled after the first read");

        Requests.inRequest(recorder, "POST /reset", () -> reset(map)); // now resettable: reads check for resets
        Requests.inRequest(recorder, "GET /page", () -> {
            pageReads(map, "title");
            Requests.onOtherThread("resetter", () -> Requests.inRequest(recorder, "POST /reset", () -> reset(map)));
            pageReads(map, "foo");
        });

        assertEquals(5, runtimeReads.get(), "two resetter reads and both page reads after the first reset");
        Finding f = only(FindingType.RESET_DURING_USE);
        assertEquals("POST /reset", f.writer().label());
        assertEquals("resetter", f.writer().thread());
        assertEquals("GET /page", f.reader().label());
    }

    private void reset(Map<String, Object> map) {
        FieldHooks.getStaticRef(map, resetterReads);
        map.clear();
        recorder.containerOp(clear, ContainerOp.CLEAR, map, null, null);
        map.put("title", "T2");
    }

    private void pageReads(Map<String, Object> map, String key) {
        FieldHooks.getStaticRef(map, pageReads);
        recorder.containerOp(pageGet, ContainerOp.GET, map, key, map.get(key));
    }

    private Finding only(FindingType type) {
        List<Finding> all = findings.all().stream().filter(f -> f.type() == type).collect(java.util.stream.Collectors.toList());
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }
}
