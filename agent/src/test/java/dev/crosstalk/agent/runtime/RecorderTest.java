package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.ThreadState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.bootstrap.Hooks;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The judgement wired through the runtime, without bytecode: the recorder is driven the way
 * instrumented code drives it through the hooks (static reads and writes, container operations,
 * request boundaries, executor hand-offs, class initialisers).
 */
class RecorderTest {
    /** One instance of the runtime: sites, fields, findings and the recorder over them. */
    private static final class Wiring {
        final SiteTable sites = new SiteTable();
        final FieldTable fields;
        final FindingRegistry findings;
        final Recorder recorder;

        Wiring(int maxKeys, int maxFindings) {
            fields = new FieldTable(maxKeys, false);
            findings = new FindingRegistry(maxFindings);
            recorder = new Recorder(sites, findings, 1000);
        }
    }

    private final Wiring rt = new Wiring(100, 100);
    private final Recorder recorder = rt.recorder;

    // com.acme.Settings.current: a String field
    private final StaticField current = rt.fields.field("com/acme/Settings", "current", "Ljava/lang/String;");
    private final int setCurrent = rt.sites.register("com.acme.Settings", "set", "Settings.java", 10, current, false);
    private final int getCurrent = rt.sites.register("com.acme.Settings", "get", "Settings.java", 20, current, false);

    // com.acme.Stats.hits: an int counter, hits++ (the write site reads first)
    private final StaticField hits = rt.fields.field("com/acme/Stats", "hits", "I");
    private final int readHits = rt.sites.register("com.acme.Stats", "hit", "Stats.java", 5, hits, false);
    private final int incrementHits = rt.sites.register("com.acme.Stats", "hit", "Stats.java", 5, hits, true);
    private final int assignHits = rt.sites.register("com.acme.Stats", "store", "Stats.java", 9, hits, false);
    private int hitsValue;

    // com.acme.Remixer.CACHE: a static map
    private final StaticField cacheField = rt.fields.field("com/acme/Remixer", "CACHE", "Ljava/util/Map;");
    private final int readCache = rt.sites.register("com.acme.Remixer", "remix", "Remixer.java", 30, cacheField, false);
    private final int resetCache = rt.sites.register("com.acme.Remixer", "reset", "Remixer.java", 40, cacheField, false);
    private final int cacheGetSite = rt.sites.register("com.acme.Remixer", "remix", "Remixer.java", 31, null, false);
    private final int cachePutSite = rt.sites.register("com.acme.Remixer", "remix", "Remixer.java", 32, null, false);
    private Map<String, String> cache = new HashMap<>();

    @BeforeEach
    void startWithThisThreadServingNoRequest() {
        clearThreadState();
    }

    @AfterEach
    void leaveThisThreadServingNoRequest() {
        clearThreadState();
    }

    private static void clearThreadState() {
        ThreadState.get().clear();
    }

    // ---- when a flow is an error, and when information ----------------------------------------

    @Test
    void perRequestDataInAFieldIsOneError() {
        inRequest("GET /a", () -> setCurrent("alice"));
        inRequest("GET /b", () -> setCurrent("bob"));
        inRequest("GET /c", () -> getCurrent("bob"));

        Finding f = onlyFinding();
        assertEquals(FindingType.CROSS_REQUEST_FLOW, f.type());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("com.acme.Settings.current", f.state());
        assertTrue(f.message().startsWith("Per-request data"), f.message());
        assertEquals("GET /b", f.writer().label());
        assertEquals("GET /c", f.reader().label());
    }

    @Test
    void findingEvidenceNamesRequestsThreadsAndCodeLocations() {
        inRequest("GET /a", () -> setCurrent("alice"));
        inRequest("GET /b", () -> setCurrent("bob"));
        inRequest("GET /c", () -> getCurrent("bob"));

        Finding f = onlyFinding();
        assertEquals("com.acme.Settings.set(Settings.java:10)", f.writer().location());
        assertEquals("com.acme.Settings.get(Settings.java:20)", f.reader().location());
        assertEquals(Thread.currentThread().getName(), f.writer().thread());
        assertEquals(Thread.currentThread().getName(), f.reader().thread());
        assertTrue(f.writer().requestId() > 0);
        assertNotEquals(f.writer().requestId(), f.reader().requestId());
        assertTrue(f.fingerprint().startsWith("ct1-"), f.fingerprint());
    }

    @Test
    void findingNeverShowsTheValues() {
        inRequest("GET /a", () -> setCurrent("alice"));
        inRequest("GET /b", () -> setCurrent("bob"));
        inRequest("GET /c", () -> getCurrent("bob"));

        Finding f = onlyFinding();
        assertFalse(f.message().contains("bob"), f.message());
        assertFalse(f.message().contains("alice"), f.message());
        assertFalse(f.state().contains("bob"), f.state());
    }

    @Test
    void lazySingletonIsInformationOnly() {
        inRequest("GET /a", () -> setCurrent("singleton"));
        inRequest("GET /b", () -> getCurrent("singleton"));
        inRequest("GET /c", () -> getCurrent("singleton"));

        Finding f = onlyFinding();
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().startsWith("Write-once-read-many"), f.message());
        assertEquals("GET /a", f.writer().label());
    }

    @Test
    void counterWithReadModifyWriteSiteIsInformationOnly() {
        inRequest("GET /a", () -> hit());
        inRequest("GET /b", () -> hit());
        inRequest("GET /c", () -> readHits());

        Finding f = onlyFinding();
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().startsWith("Accumulation"), f.message());
        assertEquals("com.acme.Stats.hits", f.state());
    }

    @Test
    void fieldWrittenAfterReadingItInTheSameRequestIsAnAccumulation() {
        // store() writes through a plain site, but each request read the field first.
        inRequest("GET /a", () -> store(1));
        inRequest("GET /b", () -> {
            readHits();
            store(hitsValue + 1);
        });
        inRequest("GET /c", () -> readHits());

        assertEquals(List.of(), errors(), "B read before it wrote: its different value is no divergence");
        assertEquals(Severity.INFO, onlyFinding().severity());
    }

    @Test
    void pureMemoCacheIsInformationOnly() {
        inRequest("GET /a", () -> memoize("k", "v"));
        inRequest("POST /reset", () -> resetCache());
        inRequest("GET /b", () -> memoize("k", "v"));
        inRequest("GET /c", () -> assertEquals("v", cacheGet("k")));

        Finding f = onlyFinding();
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().startsWith("Cache with stable values"), f.message());
        assertEquals("GET /b", f.writer().label());
    }

    @Test
    void incompletelyKeyedCacheIsAnError() {
        inRequest("GET /a", () -> memoize("k", "v0"));
        inRequest("POST /reset", () -> resetCache());
        inRequest("GET /b", () -> memoize("k", "v1"));
        inRequest("GET /c", () -> assertEquals("v1", cacheGet("k")));

        Finding f = onlyFinding();
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().startsWith("Incompletely keyed cache"), f.message());
        assertTrue(f.state().startsWith("com.acme.Remixer.CACHE[key#"), f.state());
        assertEquals("GET /b", f.writer().label());
        assertEquals("GET /c", f.reader().label());
        assertEquals("com.acme.Remixer.remix(Remixer.java:32)", f.writer().location());
        assertEquals("com.acme.Remixer.remix(Remixer.java:31)", f.reader().location());
    }

    @Test
    void mapKeyOverwrittenByEveryRequestIsAnError() {
        inRequest("GET /a", () -> cachePut("user", "alice"));
        inRequest("GET /b", () -> cachePut("user", "bob"));
        inRequest("GET /c", () -> assertEquals("bob", cacheGet("user")));

        Finding f = onlyFinding();
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("GET /b", f.writer().label());
        assertEquals("GET /c", f.reader().label());
    }

    @Test
    void cacheKeyIsNotShownByDefault() {
        inRequest("GET /a", () -> memoize("user-42", "v0"));
        inRequest("POST /reset", () -> resetCache());
        inRequest("GET /b", () -> memoize("user-42", "v1"));
        inRequest("GET /c", () -> cacheGet("user-42"));

        Finding f = onlyFinding();
        assertFalse(f.state().contains("user-42"), f.state());
        assertFalse(f.message().contains("user-42"), f.message());
    }

    // ---- what is never a finding --------------------------------------------------------------

    @Test
    void fieldWrittenOutsideRequestsAndReadInRequestsIsNoFinding() {
        setCurrent("initial");
        inRequest("GET /a", () -> getCurrent("initial"));
        inRequest("GET /b", () -> getCurrent("initial"));
        assertEquals(List.of(), rt.findings.all());
    }

    @Test
    void containerFilledOutsideRequestsAndReadInRequestsIsNoFinding() {
        cachePut("k", "v");
        inRequest("GET /a", () -> assertEquals("v", cacheGet("k")));
        inRequest("GET /b", () -> assertEquals("v", cacheGet("k")));
        assertEquals(List.of(), rt.findings.all());
    }

    @Test
    void writeInsideAClassInitialiserCountsAsInitialisation() {
        inRequest("GET /a", () -> {
            recorder.classInitEnter();
            try {
                setCurrent("from <clinit>");
            } finally {
                recorder.classInitExit();
            }
        });
        inRequest("GET /b", () -> getCurrent("from <clinit>"));
        assertEquals(List.of(), rt.findings.all());
    }

    @Test
    void requestReadingItsOwnWriteIsNoFinding() {
        inRequest("GET /a", () -> {
            setCurrent("alice");
            getCurrent("alice");
        });
        inRequest("GET /b", () -> {
            setCurrent("bob");
            getCurrent("bob");
        });
        assertEquals(List.of(), rt.findings.all());
    }

    // ---- executor hand-off --------------------------------------------------------------------

    @Test
    void taskOnAnotherThreadWritesForTheRequestThatSubmittedIt() throws Exception {
        Object a = recorder.requestEnter("GET /a", Hooks.KIND_ENTRY_METHOD, 0);
        try {
            Object context = recorder.captureContext();
            assertNotNull(context);
            onOtherThread("worker-1", () -> {
                Object previous = recorder.attachContext(context);
                try {
                    setCurrent("alice");
                } finally {
                    recorder.detachContext(previous);
                }
            });
        } finally {
            recorder.requestExit(a);
        }
        inRequest("GET /c", () -> getCurrent("alice"));

        Finding f = onlyFinding();
        assertEquals("GET /a", f.writer().label());
        assertEquals("worker-1", f.writer().thread());
        assertEquals("GET /c", f.reader().label());
    }

    @Test
    void workerThreadServesNoRequestAfterDetach() throws Exception {
        Object a = recorder.requestEnter("GET /a", Hooks.KIND_ENTRY_METHOD, 0);
        Object context = recorder.captureContext();
        recorder.requestExit(a);
        AtomicReference<Object> afterDetach = new AtomicReference<>("not run");

        onOtherThread("worker-2", () -> {
            Object previous = recorder.attachContext(context);
            assertSame(context, recorder.captureContext());
            recorder.detachContext(previous);
            afterDetach.set(recorder.captureContext());
            setCurrent("written after detach");
        });
        assertNull(afterDetach.get());

        inRequest("GET /c", () -> getCurrent("written after detach"));
        assertEquals(List.of(), rt.findings.all(), "a write after detach is an initialisation write");
    }

    // ---- bounds -------------------------------------------------------------------------------

    @Test
    void siteZeroAndUnknownSitesAreNoSiteForEveryHook() {
        // 0 is what a full site table answers, and ids past the table are no site either.
        Object shared = new Object();
        recorder.constructed(shared);
        Map<String, String> map = new HashMap<>();
        ThreadLocal<Object> tl = new ThreadLocal<>();
        for (int site : new int[] {0, -1, 1_000_000}) {
            inRequest("GET /a", () -> {
                recorder.staticRead(site, map);
                recorder.staticWrite(site, "alice", 0L);
                recorder.staticWrite(site, map, 0L);
                recorder.containerOp(site, ContainerOp.PUT, map, "k", "v");
                recorder.containerOp(site, ContainerOp.GET, map, "k", "v");
                recorder.containerOp(site, ContainerOp.CLEAR, map, null, null);
                recorder.instanceWrite(site, shared, "alice", 0L);
                recorder.instanceRead(site, shared, "alice", 0L);
                recorder.fieldAccess(site, shared, true);
                recorder.fieldAccess(site, shared, false);
                recorder.threadLocalSet(site, tl, "alice");
                recorder.threadLocalGet(site, tl, "alice");
                recorder.mdcPut(site, "user", "alice");
                recorder.mdcGet(site, "user", "alice");
                recorder.mutationExit(recorder.mutationEnter(site, new java.text.SimpleDateFormat()));
                recorder.sessionAttribute(site, "cart", map);
                recorder.methodExit(site);
            });
        }
        assertEquals(List.of(), rt.findings.all());
        assertEquals(0, rt.fields.droppedKeys());
    }

    @Test
    void keyCellsAreCappedAtMaxKeys() {
        Wiring small = new Wiring(10, 100);
        StaticField field = small.fields.field("com/acme/Big", "MAP", "Ljava/util/Map;");
        int read = small.sites.register("com.acme.Big", "fill", "Big.java", 1, field, false);
        int put = small.sites.register("com.acme.Big", "fill", "Big.java", 2, null, false);
        Map<String, String> map = new HashMap<>();

        inRequest(small, "POST /fill", () -> {
            for (int i = 0; i < 1000; i++) {
                small.recorder.staticRead(read, map);
                map.put("k" + i, "v" + i);
                small.recorder.containerOp(put, ContainerOp.PUT, map, "k" + i, "v" + i);
            }
        });

        assertEquals(990, small.fields.droppedKeys.get());
        Set<StateCell> cells = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 1000; i++) {
            StateCell c = field.keyCell("k" + i);
            if (c != field.contentsCell()) {
                cells.add(c);
            }
        }
        assertEquals(10, cells.size());
    }

    @Test
    void findingsStillWorkOnceKeysOverflow() {
        Wiring small = new Wiring(10, 100);
        StaticField field = small.fields.field("com/acme/Big", "MAP", "Ljava/util/Map;");
        int read = small.sites.register("com.acme.Big", "fill", "Big.java", 1, field, false);
        int put = small.sites.register("com.acme.Big", "fill", "Big.java", 2, null, false);
        int get = small.sites.register("com.acme.Big", "lookup", "Big.java", 3, null, false);
        Map<String, String> map = new HashMap<>();
        inRequest(small, "POST /fill", () -> {
            for (int i = 0; i < 1000; i++) {
                small.recorder.staticRead(read, map);
                small.recorder.containerOp(put, ContainerOp.PUT, map, "k" + i, "v" + i);
            }
        });

        inRequest(small, "GET /a", () -> small.recorder.containerOp(put, ContainerOp.PUT, map, "k0", "alice"));
        inRequest(small, "GET /b", () -> small.recorder.containerOp(put, ContainerOp.PUT, map, "k0", "bob"));
        inRequest(small, "GET /c", () -> small.recorder.containerOp(get, ContainerOp.GET, map, "k0", "bob"));

        List<Finding> all = small.findings.all();
        assertEquals(1, all.size(), all.toString());
        assertEquals(Severity.ERROR, all.get(0).severity());
        assertEquals("GET /b", all.get(0).writer().label());
    }

    @Test
    void findingRegistryKeepsAtMostMaxFindingsAndCountsTheRest() {
        Wiring small = new Wiring(100, 5);
        for (int i = 0; i < 100; i++) {
            StaticField field = small.fields.field("com/acme/Settings", "field" + i, "Ljava/lang/String;");
            int set = small.sites.register("com.acme.Settings", "set", "Settings.java", 10, field, false);
            int get = small.sites.register("com.acme.Settings", "get", "Settings.java", 20, field, false);
            inRequest(small, "GET /a", () -> small.recorder.staticWrite(set, "alice", 0L));
            inRequest(small, "GET /b", () -> small.recorder.staticWrite(set, "bob", 0L));
            inRequest(small, "GET /c", () -> small.recorder.staticRead(get, "bob"));
        }
        assertEquals(5, small.findings.all().size());
        assertEquals(95, small.findings.dropped());
    }

    @Test
    void floodOfInfoFindingsLeavesRoomForErrors() {
        Wiring small = new Wiring(100, 10);
        for (int i = 0; i < 20; i++) { // a write-once value in each of 20 generated classes: info
            StaticField field = small.fields.field("com/acme/Gen" + i, "value", "Ljava/lang/String;");
            int set = small.sites.register("com.acme.Gen" + i, "apply", "Gen.java", 10, field, false);
            int get = small.sites.register("com.acme.Gen" + i, "apply", "Gen.java", 12, field, false);
            inRequest(small, "GET /define", () -> small.recorder.staticWrite(set, "v", 0L));
            inRequest(small, "GET /reread", () -> small.recorder.staticRead(get, "v"));
        }
        assertEquals(9, small.findings.all().size(), "info findings fill nine tenths");
        assertEquals(11, small.findings.dropped());

        StaticField user = small.fields.field("com/acme/Settings", "user", "Ljava/lang/String;");
        int set = small.sites.register("com.acme.Settings", "set", "Settings.java", 10, user, false);
        int get = small.sites.register("com.acme.Settings", "get", "Settings.java", 20, user, false);
        inRequest(small, "GET /a", () -> small.recorder.staticWrite(set, "alice", 0L));
        inRequest(small, "GET /b", () -> small.recorder.staticWrite(set, "bob", 0L));
        inRequest(small, "GET /c", () -> small.recorder.staticRead(get, "bob"));
        List<Finding> errors = small.findings.all().stream().filter(f -> f.severity() == Severity.ERROR)
                .collect(java.util.stream.Collectors.toList());
        assertEquals(1, errors.size(), "the error still has room: " + small.findings.all());
        assertEquals("com.acme.Settings.user", errors.get(0).state());
        assertEquals(10, small.findings.all().size());
    }

    // ---- counting and escalation --------------------------------------------------------------

    @Test
    void repeatedFlowIsOneFindingWithACount() {
        inRequest("GET /a", () -> setCurrent("alice"));
        inRequest("GET /b", () -> setCurrent("bob"));
        for (int i = 0; i < 1000; i++) {
            inRequest("GET /c", () -> getCurrent("bob"));
        }

        Finding f = onlyFinding();
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(1000, f.count());
    }

    @Test
    void informationFlowIsEscalatedToErrorOnceAnotherRequestWritesADifferentValue() {
        inRequest("GET /a", () -> setCurrent("v"));
        inRequest("GET /c", () -> getCurrent("v"));
        Finding first = onlyFinding();
        assertEquals(Severity.INFO, first.severity());

        inRequest("GET /b", () -> setCurrent("w"));
        inRequest("GET /d", () -> getCurrent("w"));

        Finding f = onlyFinding();
        assertSame(first, f, "the same fingerprint, the same finding");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().startsWith("Per-request data"), f.message());
        assertEquals("GET /b", f.writer().label());
        assertEquals("GET /d", f.reader().label());
        assertEquals(2, f.count());
    }

    @Test
    void escalatedFindingStaysAnError() {
        inRequest("GET /a", () -> setCurrent("v"));
        inRequest("GET /c", () -> getCurrent("v"));
        inRequest("GET /b", () -> setCurrent("w"));
        inRequest("GET /d", () -> getCurrent("w"));
        inRequest("GET /e", () -> setCurrent("w"));
        inRequest("GET /f", () -> getCurrent("w"));

        Finding f = onlyFinding();
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(3, f.count());
    }

    // ---- driving the recorder as instrumented code would --------------------------------------

    private void inRequest(String label, Runnable work) {
        inRequest(rt, label, work);
    }

    private static void inRequest(Wiring runtime, String label, Runnable work) {
        Requests.inRequest(runtime.recorder, label, work);
    }

    private static void onOtherThread(String name, Runnable work) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("failed on " + name, failure.get());
        }
    }

    private void setCurrent(String value) {
        recorder.staticWrite(setCurrent, value, 0L);
    }

    private void getCurrent(String value) {
        recorder.staticRead(getCurrent, value);
    }

    /** {@code hits++}. */
    private void hit() {
        readHits();
        hitsValue++;
        recorder.staticWrite(incrementHits, null, hitsValue);
    }

    private void readHits() {
        recorder.staticRead(readHits, null);
    }

    /** {@code hits = value} through a plain write site. */
    private void store(int value) {
        hitsValue = value;
        recorder.staticWrite(assignHits, null, value);
    }

    /** {@code if (CACHE.get(key) == null) CACHE.put(key, value)}. */
    private void memoize(String key, String value) {
        if (cacheGet(key) == null) {
            cachePut(key, value);
        }
    }

    private String cacheGet(String key) {
        recorder.staticRead(readCache, cache);
        String v = cache.get(key);
        recorder.containerOp(cacheGetSite, ContainerOp.GET, cache, key, v);
        return v;
    }

    private void cachePut(String key, String value) {
        recorder.staticRead(readCache, cache);
        cache.put(key, value);
        recorder.containerOp(cachePutSite, ContainerOp.PUT, cache, key, value);
    }

    /** {@code CACHE = new HashMap<>()}. */
    private void resetCache() {
        cache = new HashMap<>();
        recorder.staticWrite(resetCache, cache, 0L);
    }

    private Finding onlyFinding() {
        List<Finding> all = rt.findings.all();
        assertEquals(1, all.size(), "findings: " + describe(all));
        return all.get(0);
    }

    private List<String> errors() {
        List<String> errors = new java.util.ArrayList<>();
        for (Finding f : rt.findings.all()) {
            if (f.severity() == Severity.ERROR) {
                errors.add(f.message());
            }
        }
        return errors;
    }

    private static String describe(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append("\n  ").append(f.severity()).append(' ').append(f.state()).append(": ").append(f.message());
        }
        return sb.toString();
    }
}
