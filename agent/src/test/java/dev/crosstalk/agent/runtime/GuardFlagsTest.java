package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.bootstrap.Hooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guard flags: {@code if (!loaded) { loaded = true; readRates(); }} says "ready" before the state it
 * guards is filled. Driven through the recorder the way the hooks drive it, with the quiet look-alikes:
 * the flag written last, the holder idiom (a class initialiser), a fully built object stored once, and
 * per-request strings that are no flags.
 */
class GuardFlagsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, true);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> type == Registry.class);

    static final class Registry {
        final Map<String, String> entries = new HashMap<>();
    }

    private final StaticField loaded = fields.field("com/acme/Rates", "loaded", "Z");
    private final StaticField ready = fields.field("com/acme/Rates", "ready", "Ljava/lang/Object;");
    private final StaticField lastUser = fields.field("com/acme/Rates", "lastUser", "Ljava/lang/String;");
    private final StaticField instance = fields.field("com/acme/Rates", "instance", "Lcom/acme/Registry;");
    private final StaticField rates = fields.field("com/acme/Rates", "RATES", "Ljava/util/Map;");
    private final int method = sites.registerMethod("com.acme.Rates", "rate", "Rates.java");
    private final int setLoaded = sites.register("com.acme.Rates", "rate", "Rates.java", 18, loaded, true, null, method);
    private final int setReady = sites.register("com.acme.Rates", "rate", "Rates.java", 18, ready, false, null, method);
    private final int setUser = sites.register("com.acme.Rates", "rate", "Rates.java", 18, lastUser, false, null,
            method);
    private final int setInstance = sites.register("com.acme.Rates", "rate", "Rates.java", 18, instance, false, null,
            method);
    private final StaticField version = fields.field("com/acme/Rates", "version", "I");
    private final StaticField hits = fields.field("com/acme/Rates", "hits", "J");
    private final StaticField state = fields.field("com/acme/Rates", "state", "Lcom/acme/Rates$State;");
    private final int bumpVersion = sites.register("com.acme.Rates", "rate", "Rates.java", 18, version, true, null,
            method);
    private final int storeVersion = sites.register("com.acme.Rates", "rate", "Rates.java", 18, version, false, null,
            method);
    private final int countHit = sites.register("com.acme.Rates", "rate", "Rates.java", 18, hits, true, null, method);
    // version++ in this class's reload() and hits++ in countHit(): frames the stack really has
    private final int reloadMethod = sites.registerMethod(GuardFlagsTest.class.getName(), "reload",
            "GuardFlagsTest.java");
    private final int bumpInReload = sites.register(GuardFlagsTest.class.getName(), "reload", "GuardFlagsTest.java",
            1, version, true, null, reloadMethod);
    private final int countMethod = sites.registerMethod(GuardFlagsTest.class.getName(), "countHit",
            "GuardFlagsTest.java");
    private final int countInMethod = sites.register(GuardFlagsTest.class.getName(), "countHit",
            "GuardFlagsTest.java", 2, hits, true, null, countMethod);
    private final StaticField atomicVersion = fields.field("com/acme/Rates", "atomicVersion",
            "Ljava/util/concurrent/atomic/AtomicInteger;");
    // atomicVersion.incrementAndGet()
    private final int incrementAtomic = sites.register("com.acme.Rates", "rate", "Rates.java", 18, atomicVersion,
            true, null, method);
    // RATES.clear() in the method that bumped the version
    private final int clearRates = sites.register("com.acme.Rates", "rate", "Rates.java", 19, null, false, null, 0);
    private final int clearElsewhere = sites.register("com.acme.Rates", "evict", "Rates.java", 40, null, false, null,
            0);
    // instance fields of a singleton (com.acme.RateService, made at start-up)
    private final StaticField serviceLoaded = fields.field("com/acme/RateService", "loaded", "Z");
    private final StaticField serviceState = fields.field("com/acme/RateService", "state", "Lcom/acme/Rates$State;");
    // if (!loaded) { loaded = true; … }: the write site read the flag first
    private final int setServiceLoaded = sites.register("com.acme.RateService", "rate", "RateService.java", 18,
            serviceLoaded, true, null, method);
    // running = true in start(): set without a check
    private final int startService = sites.register("com.acme.RateService", "start", "RateService.java", 30,
            serviceLoaded, false, null, method);
    // if (!loaded) … read by another request: the first check of rate()
    private final int readServiceLoaded = sites.register("com.acme.RateService", "rate", "RateService.java", 16,
            serviceLoaded, false, null, 0);
    private final StaticField serviceReady = fields.field("com/acme/RateService", "ready", "Ljava/lang/Object;");
    // if (ready == null) { ready = new Object(); … }
    private final int setServiceReady = sites.register("com.acme.RateService", "rate", "RateService.java", 18,
            serviceReady, true, null, method);
    private final int readServiceReady = sites.register("com.acme.RateService", "rate", "RateService.java", 16,
            serviceReady, false, null, 0);
    // if (state != STARTED) { state = STARTED; … }: checked first, as a flag would be
    private final int setServiceState = sites.register("com.acme.RateService", "rate", "RateService.java", 18,
            serviceState, true, null, method);
    private final int readServiceState = sites.register("com.acme.RateService", "rate", "RateService.java", 16,
            serviceState, false, null, 0);
    private final int setStaticState = sites.register("com.acme.Rates", "rate", "Rates.java", 18, state, false, null,
            method);
    private final Object service = new Object();

    enum State { STARTED }

    private final int readRates = sites.register("com.acme.Rates", "rate", "Rates.java", 20, rates, false, null, 0);
    private final int fill = sites.register("com.acme.Rates", "readRates", "Rates.java", 28, null, false, null, 0);
    private final int lookup = sites.register("com.acme.Rates", "rate", "Rates.java", 24, null, false, null, 0);
    private final Map<String, String> table = new HashMap<>();

    @BeforeEach
    void tableHeldInAStatic() {
        recorder.staticRead(readRates, table); // made in the class initialiser, read here: tracked
    }

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    @Test
    void flagSetBeforeLoadingInARequestIsPublishThenPopulateAndAMissedRateAPartialInitRead() {
        inRequest("GET /rates?first", () -> {
            recorder.staticWrite(setLoaded, null, 1L);
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> look("EUR")));
            fill("EUR", "USD");
            recorder.methodExit(method);
        });
        Finding p = RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of(Severity.ERROR, "com.acme.Rates.loaded", List.of(
                "com.acme.Rates.RATES[EUR] at com.acme.Rates.readRates(Rates.java:28)",
                "com.acme.Rates.RATES[USD] at com.acme.Rates.readRates(Rates.java:28)")),
                List.of(p.severity(), p.state(), p.details().get("fillsAfterPublication")), RecordedFindings.describe(findings));
        Finding r = RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ);
        assertEquals(List.of(Severity.ERROR, "com.acme.Rates.RATES[EUR]", "GET /rates?second",
                "com.acme.Rates.rate(Rates.java:24)"),
                List.of(r.severity(), r.state(), r.reader().label(), r.reader().location()), RecordedFindings.describe(findings));
    }

    @Test
    void flagSetBeforeLoadingAtStartupIsAWarning() {
        recorder.staticWrite(setLoaded, null, 1L);
        fill("EUR");
        recorder.methodExit(method);
        assertEquals(Severity.WARNING, RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).severity(), RecordedFindings.describe(findings));
    }

    @Test
    void sentinelObjectSetBeforeLoadingIsPublishThenPopulate() {
        inRequest("GET /rates", () -> {
            recorder.staticWrite(setReady, new Object(), 0L);
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals("com.acme.Rates.ready", RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).state(), RecordedFindings.describe(findings));
    }

    @Test
    void flagSetLastIsQuiet() {
        inRequest("GET /rates", () -> {
            fill("EUR", "USD");
            recorder.staticWrite(setLoaded, null, 1L);
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void flagClearedIsNoGuard() {
        inRequest("GET /rates", () -> {
            recorder.staticWrite(setLoaded, null, 0L);
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void holderIdiomInAClassInitialiserIsQuiet() {
        recorder.classInitEnter();
        recorder.staticWrite(setLoaded, null, 1L);
        fill("EUR");
        recorder.classInitExit();
        recorder.methodExit(method);
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void fullyBuiltObjectStoredOnceIsQuiet() {
        inRequest("GET /registry", () -> {
            Registry built = new Registry();
            built.entries.put("EUR", "1.10");
            recorder.staticWrite(setInstance, built, 0L);
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void aRequestsNameStoredBeforeOtherWritesIsNoFlag() {
        inRequest("GET /rates?user=alice", () -> {
            recorder.staticWrite(setUser, "alice", 0L);
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.of(findings, FindingType.PUBLISH_THEN_POPULATE), RecordedFindings.describe(findings));
    }

    @Test
    void versionIncrementedBeforeEmptyingAndRefillingIsPublishThenPopulateAndAMissedRateAPartialInitRead() {
        inRequest("GET /rates?reload", () -> {
            recorder.staticWrite(bumpVersion, null, 2L);
            clearTable();
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> look("EUR")));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertVersionGuardsTheRefilledRate();
    }

    @Test
    void versionIncrementedBeforeACalledMethodEmptiesAndRefillsIsPublishThenPopulateAndAMissedRateAPartialInitRead() {
        inRequest("GET /rates?reload", () -> reload(true));
        assertVersionGuardsTheRefilledRate();
    }

    @Test
    void versionIncrementedAfterACalledMethodRefilledIsQuiet() {
        inRequest("GET /rates?reload", () -> reload(false));
        assertEquals(List.of(), guardFindings(), RecordedFindings.describe(findings));
    }

    @Test
    void counterBumpedInAMethodThatReturnedBeforeTheTableWasEmptiedIsNoVersion() {
        inRequest("GET /rates?evict", () -> {
            countHit();
            emptyAndRefill();
        });
        assertEquals(List.of(), guardFindings(), RecordedFindings.describe(findings));
    }

    private void assertVersionGuardsTheRefilledRate() {
        Finding p = RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of(Severity.ERROR, "com.acme.Rates.version",
                List.of("com.acme.Rates.RATES[EUR] at com.acme.Rates.readRates(Rates.java:28)")),
                List.of(p.severity(), p.state(), p.details().get("fillsAfterPublication")),
                RecordedFindings.describe(findings));
        assertEquals("com.acme.Rates.RATES[EUR]", RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ).state(),
                RecordedFindings.describe(findings));
    }

    /** {@code version++; emptyAndRefill();}, or the refill first and the version last. */
    private void reload(boolean versionFirst) {
        if (versionFirst) {
            recorder.staticWrite(bumpInReload, null, 2L);
        }
        emptyAndRefill();
        if (!versionFirst) {
            recorder.staticWrite(bumpInReload, null, 2L);
        }
        recorder.methodExit(reloadMethod);
    }

    private void countHit() {
        recorder.staticWrite(countInMethod, null, 8L);
        recorder.methodExit(countMethod);
    }

    /** Another method: {@code RATES.clear()} elsewhere, then the refill, while a reader looks a rate up. */
    private void emptyAndRefill() {
        recorder.containerOp(clearElsewhere, ContainerOp.CLEAR, table, null, null);
        table.clear();
        Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> look("EUR")));
        fill("EUR");
    }

    @Test
    void atomicVersionIncrementedBeforeEmptyingAndRefillingIsPublishThenPopulateAndAMissedRateAPartialInitRead() {
        inRequest("GET /rates?reload", () -> {
            recorder.atomicIncrement(incrementAtomic);
            clearTable();
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> look("EUR")));
            fill("EUR");
            recorder.methodExit(method);
        });
        Finding p = RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of(Severity.ERROR, "com.acme.Rates.atomicVersion"), List.of(p.severity(), p.state()),
                RecordedFindings.describe(findings));
        assertEquals("com.acme.Rates.RATES[EUR]", RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ).state(),
                RecordedFindings.describe(findings));
    }

    @Test
    void atomicCounterIncrementedBeforeAddingIsNoVersion() {
        inRequest("GET /rates", () -> {
            recorder.atomicIncrement(incrementAtomic);
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> look("EUR")));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), guardFindings(), RecordedFindings.describe(findings));
    }

    @Test
    void versionIncrementedLastIsQuiet() {
        inRequest("GET /rates?reload", () -> {
            clearTable();
            fill("EUR", "USD");
            recorder.staticWrite(bumpVersion, null, 2L);
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void counterBumpedBeforeAddingIsNoVersion() {
        inRequest("GET /rates", () -> {
            recorder.staticWrite(countHit, null, 7L);
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> look("EUR")));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void counterBumpedBeforeAnotherMethodEmptiesTheTableIsNoVersion() {
        inRequest("GET /rates?evict", () -> {
            recorder.staticWrite(countHit, null, 7L);
            recorder.containerOp(clearElsewhere, ContainerOp.CLEAR, table, null, null);
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.of(findings, FindingType.PUBLISH_THEN_POPULATE),
                RecordedFindings.describe(findings));
    }

    @Test
    void numberStoredWholeBeforeRefillingIsNoVersion() {
        inRequest("GET /rates?reload", () -> {
            recorder.staticWrite(storeVersion, null, 2L);
            clearTable();
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.of(findings, FindingType.PUBLISH_THEN_POPULATE),
                RecordedFindings.describe(findings));
    }

    @Test
    void anObjectsCheckedThenSetBooleanNoOtherThreadReadsIsNoGuardFlag() {
        // Tomcat's Parameters.handleQueryParameters: if (didQueryParameters) return; didQueryParameters = true;
        // then its map is filled. Made outside requests, but one request uses it at a time; meanwhile another
        // request misses the same key of its own Parameters' map, which has the same state name.
        recorder.constructed(service);
        inRequest("GET /rates", () -> {
            recorder.instanceWrite(setServiceLoaded, service, null, 1L);
            Requests.onOtherThread("other", () -> inRequest("GET /other", () -> look("EUR")));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void anotherObjectsFlagReadMeanwhileIsNoReaderOfThisOne() {
        Object other = new Object();
        recorder.constructed(service);
        recorder.constructed(other);
        inRequest("GET /rates", () -> {
            recorder.instanceWrite(setServiceLoaded, service, null, 1L);
            Requests.onOtherThread("other", () -> inRequest("GET /other", () -> {
                recorder.fieldAccess(readServiceLoaded, other, false);
                look("EUR");
            }));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void aSingletonsFlagSetFirstAndReadByAnotherRequestIsPublishThenPopulateAndAMissedRateAPartialInitRead() {
        recorder.constructed(service);
        inRequest("GET /rates?first", () -> {
            recorder.instanceWrite(setServiceLoaded, service, null, 1L);
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> {
                recorder.fieldAccess(readServiceLoaded, service, false);
                look("EUR");
            }));
            fill("EUR", "USD");
            recorder.methodExit(method);
        });
        Finding p = RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of(Severity.ERROR, "com.acme.RateService.loaded", List.of(
                "com.acme.Rates.RATES[EUR] at com.acme.Rates.readRates(Rates.java:28)",
                "com.acme.Rates.RATES[USD] at com.acme.Rates.readRates(Rates.java:28)")),
                List.of(p.severity(), p.state(), p.details().get("fillsAfterPublication")),
                RecordedFindings.describe(findings));
        Finding r = RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ);
        assertEquals(List.of(Severity.ERROR, "com.acme.Rates.RATES[EUR]", "GET /rates?second"),
                List.of(r.severity(), r.state(), r.reader().label()), RecordedFindings.describe(findings));
    }

    @Test
    void aMissedEntryCountsForEveryFlagUpAtTheTimeNotOnlyTheFirstOpened() throws Exception {
        // A start-up thread holds another flag up (its loading paused) the whole time.
        java.util.concurrent.CountDownLatch up = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread preload = new Thread(() -> {
            recorder.staticWrite(setReady, new Object(), 0L);
            up.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorder.methodExit(method);
        }, "preload");
        preload.start();
        up.await();
        try {
            aSingletonsFlagSetFirstAndReadByAnotherRequestIsPublishThenPopulateAndAMissedRateAPartialInitRead();
        } finally {
            done.countDown();
            preload.join(10_000);
        }
    }

    @Test
    void aSingletonsFlagSetFirstAtStartupWhileARequestReadsItIsAWarning() {
        // made on main, loaded by a start-up thread (this one) while the server takes requests
        Requests.onOtherThread("main", () -> recorder.constructed(service));
        recorder.instanceWrite(setServiceLoaded, service, null, 1L);
        Requests.onOtherThread("reader", () -> inRequest("GET /rates", () ->
                recorder.fieldAccess(readServiceLoaded, service, false)));
        fill("EUR");
        recorder.methodExit(method);
        assertEquals(Severity.WARNING, RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).severity(),
                RecordedFindings.describe(findings));
    }

    @Test
    void aSingletonsSentinelSetFirstAndReadByAnotherRequestIsPublishThenPopulate() {
        recorder.constructed(service);
        inRequest("GET /rates", () -> {
            recorder.instanceWrite(setServiceReady, service, new Object(), 0L);
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () ->
                    recorder.fieldAccess(readServiceReady, service, false)));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals("com.acme.RateService.ready",
                RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).state(),
                RecordedFindings.describe(findings));
    }

    @Test
    void aSingletonsFlagSetLastIsQuietThoughReadMeanwhile() {
        recorder.constructed(service);
        inRequest("GET /rates", () -> {
            fill("EUR", "USD");
            recorder.instanceWrite(setServiceLoaded, service, null, 1L);
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () -> {
                recorder.fieldAccess(readServiceLoaded, service, false);
                look("EUR");
            }));
            recorder.methodExit(method);
        });
        // The lockset detector sees the unlocked reader beside the fills (no volatile edge here): a race, not a guard.
        assertEquals(List.of(), guardFindings(), RecordedFindings.describe(findings));
    }

    @Test
    void aSingletonsFlagSetFirstUnderALockAndReadByAnotherThreadOnceFilledIsQuiet() {
        // synchronized (lock) { if (!loaded) { loaded = true; fill(); } } … and readers take the lock too:
        // they see the flag only after the fills, before the method returns.
        recorder.constructed(service);
        inRequest("GET /rates", () -> {
            recorder.instanceWrite(setServiceLoaded, service, null, 1L);
            fill("EUR", "USD");
            Requests.onOtherThread("reader", () -> inRequest("GET /rates?second", () ->
                    recorder.fieldAccess(readServiceLoaded, service, false)));
            recorder.methodExit(method);
        });
        assertEquals(List.of(), guardFindings(), RecordedFindings.describe(findings));
    }

    @Test
    void aStartupObjectsFlagSetByTheThreadThatMadeItIsNoGuardYet() {
        // Spring's RootBeanDefinition.constructorArgumentsResolved, on main while the context starts
        recorder.constructed(service);
        recorder.instanceWrite(setServiceLoaded, service, null, 1L);
        Requests.onOtherThread("reader", () -> recorder.fieldAccess(readServiceLoaded, service, false));
        fill("EUR");
        recorder.methodExit(method);
        assertEquals(List.of(), guardFindings(), RecordedFindings.describe(findings));
    }

    @Test
    void aFlagSetAgainOnTheSameObjectMarksOneUseOfARecycledObjectNotAGuard() {
        // Tomcat's Parameters: didQueryParameters set per request, cleared by recycle() in between
        recorder.constructed(service);
        for (String request : List.of("GET /first", "GET /second")) {
            inRequest(request, () -> {
                recorder.instanceWrite(setServiceLoaded, service, null, 1L);
                if (request.equals("GET /second")) {
                    Requests.onOtherThread("async", () -> recorder.fieldAccess(readServiceLoaded, service, false));
                }
                fill("EUR");
                recorder.methodExit(method);
            });
            recorder.instanceWrite(startService, service, null, 0L); // recycle(): didQueryParameters = false
        }
        assertEquals(List.of(), guardFindings(), RecordedFindings.describe(findings));
    }

    @Test
    void aSingletonsFlagReadByItsOwnThreadOnlyIsQuiet() {
        recorder.constructed(service);
        inRequest("GET /rates", () -> {
            recorder.instanceWrite(setServiceLoaded, service, null, 1L);
            recorder.fieldAccess(readServiceLoaded, service, false);
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void anObjectsBooleanSetWithoutACheckIsItsStateNotAGuard() {
        recorder.constructed(service);
        inRequest("GET /start", () -> {
            recorder.instanceWrite(startService, service, null, 1L);
            Requests.onOtherThread("reader", () -> inRequest("GET /status", () ->
                    recorder.fieldAccess(readServiceLoaded, service, false)));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void anObjectsOwnEnumStateIsNoSentinelButAStaticEnumIs() {
        recorder.constructed(service);
        inRequest("GET /start", () -> {
            recorder.instanceWrite(setServiceState, service, State.STARTED, 0L);
            Requests.onOtherThread("reader", () -> inRequest("GET /status", () ->
                    recorder.fieldAccess(readServiceState, service, false)));
            fill("EUR");
            recorder.methodExit(method);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
        inRequest("GET /start", () -> {
            recorder.staticWrite(setStaticState, State.STARTED, 0L);
            fill("USD");
            recorder.methodExit(method);
        });
        assertEquals("com.acme.Rates.state", RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).state(),
                RecordedFindings.describe(findings));
    }

    private List<Finding> guardFindings() {
        List<Finding> out = new java.util.ArrayList<>(RecordedFindings.of(findings, FindingType.PUBLISH_THEN_POPULATE));
        out.addAll(RecordedFindings.of(findings, FindingType.PARTIAL_INIT_READ));
        return out;
    }

    private void clearTable() {
        recorder.containerOp(clearRates, ContainerOp.CLEAR, table, null, null);
        table.clear();
    }

    private void fill(String... codes) {
        for (String c : codes) {
            recorder.containerOp(fill, ContainerOp.PUT, table, c, "1.0");
            table.put(c, "1.0");
        }
    }

    private void look(String code) {
        recorder.containerOp(lookup, ContainerOp.GET, table, code, table.get(code));
    }

    private void inRequest(String label, Runnable work) {
        Requests.inRequest(recorder, label, work);
    }

}
