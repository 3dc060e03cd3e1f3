package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.ThreadState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.bootstrap.Hooks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publication windows wired through the runtime, without bytecode: the recorder is driven the way
 * instrumented code drives it (a static or session store opens a window, container puts and field
 * writes by the publishing thread fill it, reads by other threads are checked against it, the
 * publishing method's exit closes it), modelled on the settings story: {@code onApplicationStart()}
 * assigns {@code settings = new HashMap<>()} and then puts title, foo, bar and baz.
 */
class PublicationsTest {
    private static final String APP = "com.acme.Application";
    private static final String SETTINGS = APP + ".settings";
    private static final String SESSION_SETTINGS = "jakarta.servlet.http.HttpSession.settings";
    private static final List<String> KEYS = List.of("title", "foo", "bar", "baz");
    private static final long LATCH_SECONDS = 10;

    /** The bean of the struct variant; the recorder treats it (and fixtures classes) as a struct. */
    static final class Settings {
        String title;
        Integer foo;
        Integer bar;
        Boolean baz;
    }

    /** A struct holding a container, like the lazily loaded service registry. */
    static final class Registry {
        final Map<String, String> entries = new HashMap<>();
    }

    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, true);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 100,
            type -> type.getName().startsWith("fixtures") || type == Settings.class || type == Registry.class);

    // com.acme.Application.settings and onApplicationStart(): publish at :17, fills at :18..:21
    private final StaticField settingsField = field("com/acme/Application", "settings", "Ljava/util/Map;");
    private final int startMethod = sites.registerMethod(APP, "onApplicationStart", "Application.java");
    private final int publishSite = sites.register(APP, "onApplicationStart", "Application.java", 17, settingsField,
            false, null, startMethod);
    private final int[] fillSites = {putSite(APP, "onApplicationStart", "Application.java", 18, startMethod),
        putSite(APP, "onApplicationStart", "Application.java", 19, startMethod),
        putSite(APP, "onApplicationStart", "Application.java", 20, startMethod),
        putSite(APP, "onApplicationStart", "Application.java", 21, startMethod)};
    private final int clearSite = putSite(APP, "reset", "Application.java", 30, 0);
    // another publishing method of the same class, whose exit must not close onApplicationStart's window
    private final int otherMethod = sites.registerMethod(APP, "helper", "Application.java");

    // com.acme.PageServlet.setting(): Application.settings.get(key) at :48
    private final int pageReadsField = sites.register("com.acme.PageServlet", "setting", "PageServlet.java", 48,
            settingsField, false);
    private final int pageGet = putSite("com.acme.PageServlet", "setting", "PageServlet.java", 48, 0);

    // com.acme.StructApplication.current = new Settings(), then current.setTitle(...) etc.
    private final StaticField currentField = field("com/acme/StructApplication", "current",
            "Lcom/acme/Settings;");
    private final int structMethod = sites.registerMethod("com.acme.StructApplication", "onApplicationStart",
            "StructApplication.java");
    private final int structPublish = sites.register("com.acme.StructApplication", "onApplicationStart",
            "StructApplication.java", 14, currentField, false, null, structMethod);
    private final Map<String, Integer> setters = new HashMap<>();
    private final Map<String, Integer> getters = new HashMap<>();

    // com.acme.LazyRegistry.registry = new Registry(); registry.load() puts into its entries map
    private final StaticField registryField = field("com/acme/LazyRegistry", "registry", "Lcom/acme/Registry;");
    private final int registryMethod = sites.registerMethod("com.acme.LazyRegistry", "get", "LazyRegistry.java");
    private final int registryPublish = sites.register("com.acme.LazyRegistry", "get", "LazyRegistry.java", 13,
            registryField, false, null, registryMethod);
    private final int registryPut = putSite("com.acme.Registry", "load", "Registry.java", 15, 0);

    // session.setAttribute("settings", new HashMap<>()) in SessionSettings.load, then puts
    private final int sessionMethod = sites.registerMethod("com.acme.SessionSettings", "load",
            "SessionSettings.java");
    private final int sessionPublish = sites.register("com.acme.SessionSettings", "load", "SessionSettings.java", 17,
            null, false, "jakarta.servlet.http.HttpSession", sessionMethod);
    private final int sessionPut = putSite("com.acme.SessionSettings", "load", "SessionSettings.java", 19,
            sessionMethod);
    private final int sessionGet = putSite("com.acme.SessionPageServlet", "doGet", "SessionPageServlet.java", 32, 0);

    /** What {@code Application.settings} holds now, as the application would see it. */
    private volatile Map<String, Object> settings;

    {
        String[] names = {"title", "foo", "bar", "baz"};
        for (int i = 0; i < names.length; i++) {
            setters.put(names[i], sites.register("com.acme.Settings", "set" + capital(names[i]), "Settings.java",
                    16 + 8 * i, null, false, names[i], 0));
            getters.put(names[i], sites.register("com.acme.Settings", "get" + capital(names[i]), "Settings.java",
                    12 + 8 * i, null, false, names[i], 0));
        }
    }

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

    // ---- publish-then-populate ----------------------------------------------------------------

    @Test
    void publishThenFillAtStartupIsOneWarningListingTheFills() {
        onApplicationStart();

        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(Severity.WARNING, f.severity(), describe());
        assertEquals(SETTINGS, f.state());
        assertEquals("(initialisation)", f.writer().label());
        assertEquals(0, f.writer().requestId());
        assertEquals(APP + ".onApplicationStart(Application.java:17)", f.writer().location());
        assertEquals(null, f.reader());
        assertEquals(APP + ".onApplicationStart(Application.java:17)", f.details().get("publishedAt"));
        assertEquals(List.of("title at " + APP + ".onApplicationStart(Application.java:18)",
                "foo at " + APP + ".onApplicationStart(Application.java:19)",
                "bar at " + APP + ".onApplicationStart(Application.java:20)",
                "baz at " + APP + ".onApplicationStart(Application.java:21)"),
                f.details().get("fillsAfterPublication"), describe());
        assertTrue(f.message().contains("4 entries (title, foo, bar, baz)"), f.message());
        assertTrue(f.message().contains("It ran outside any request"), f.message());
        assertEquals(1, findings.all().size(), describe());
    }

    @Test
    void publishThenFillInsideARequestIsAnError() {
        inRequest("GET /page", this::onApplicationStart);

        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(Severity.ERROR, f.severity(), describe());
        assertEquals("GET /page", f.writer().label());
        assertTrue(f.writer().requestId() > 0, describe());
        assertTrue(f.message().contains("It ran inside a request (GET /page (request "), f.message());
        assertEquals(1, findings.all().size(), describe());
    }

    @Test
    void startupWarningIsEscalatedOnceARequestRunsTheSamePublishingCode() {
        onApplicationStart();
        Finding warning = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(Severity.WARNING, warning.severity());

        inRequest("GET /page", this::onApplicationStart);

        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(warning.fingerprint(), f.fingerprint(), "the same bug, the same fingerprint");
        assertEquals(Severity.ERROR, f.severity(), describe());
        assertTrue(f.message().contains("Safe at startup, unsafe when called from GET /page"), f.message());
        assertEquals("GET /page", f.writer().label(), "the evidence follows the severity");
        assertEquals(2, f.count());
    }

    @Test
    void buildThenPublishIsNoFinding() {
        Map<String, Object> local = new HashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            put(local, i, KEYS.get(i));
        }
        settings = local;
        recorder.staticWrite(publishSite, local, 0L);
        recorder.methodExit(startMethod);
        inRequest("GET /page", () -> onApplicationStartBuildThenPublish());

        assertEquals(List.of(), findings.all(), describe());
    }

    @Test
    void publicationInsideAClassInitialiserIsNoFinding() {
        recorder.classInitEnter();
        try {
            onApplicationStart();
        } finally {
            recorder.classInitExit();
        }
        inRequest("GET /page", () -> {
            recorder.classInitEnter();
            try {
                onApplicationStart();
            } finally {
                recorder.classInitExit();
            }
        });

        assertEquals(List.of(), findings.all(), describe());
    }

    @Test
    void publisherHoldingAMonitorOpensNoWindow() {
        Object lock = new Object();
        synchronized (lock) {
            onApplicationStart();
        }
        assertEquals(List.of(), findings.all(), describe());
    }

    @Test
    void publisherHoldingAWriteLockOpensNoWindow() {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        inRequest("GET /page", () -> {
            lock.writeLock().lock();
            try {
                onApplicationStart();
            } finally {
                lock.writeLock().unlock();
            }
        });
        assertEquals(List.of(), findings.all(), describe());
    }

    @Test
    void theWindowClosesAtTheExitOfThePublishingMethodOnly() {
        Map<String, Object> map = new HashMap<>();
        settings = map;
        recorder.staticWrite(publishSite, map, 0L);
        put(map, 0, "title");
        recorder.methodExit(otherMethod);
        assertEquals(List.of(), findings.all(), "a helper's exit closes nothing: " + describe());
        put(map, 1, "foo");
        recorder.methodExit(startMethod);
        put(map, 2, "bar"); // after the window: not a fill

        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of("title at " + APP + ".onApplicationStart(Application.java:18)",
                "foo at " + APP + ".onApplicationStart(Application.java:19)"), f.details().get("fillsAfterPublication"),
                describe());
        assertTrue(f.message().contains("2 entries (title, foo)"), f.message());
    }

    @Test
    void theExitOfThePublishingMethodOnAnotherThreadDoesNotCloseTheWindow() throws Exception {
        Map<String, Object> map = new HashMap<>();
        settings = map;
        recorder.staticWrite(publishSite, map, 0L);
        onOtherThread("other-exit", () -> recorder.methodExit(startMethod));
        assertEquals(List.of(), findings.all(), describe());
        put(map, 0, "title");
        recorder.methodExit(startMethod);

        assertEquals(List.of("title at " + APP + ".onApplicationStart(Application.java:18)"),
                only(FindingType.PUBLISH_THEN_POPULATE).details().get("fillsAfterPublication"));
    }

    @Test
    void aRequestsEndClosesAWindowItsPublishingMethodLeftOpen() {
        // A publishing method that threw after filling: no normal exit, the request's end judges the window.
        inRequest("GET /page", () -> {
            Map<String, Object> map = new HashMap<>();
            settings = map;
            recorder.staticWrite(publishSite, map, 0L);
            put(map, 0, "title");
        });
        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(Severity.ERROR, f.severity());
    }

    // ---- partial-init-read --------------------------------------------------------------------

    @Test
    void readByAnotherRequestOfAKeyNotFilledYetIsAPartialInitRead() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>("not read");
        publishWithReadersInTheMiddle(1, () -> inRequest("GET /page", () -> seen.set(pageReads("foo"))));
        assertEquals(null, seen.get(), "the reader really found foo missing");

        Finding f = only(FindingType.PARTIAL_INIT_READ);
        assertEquals(Severity.ERROR, f.severity(), describe());
        assertEquals(SETTINGS + "[foo]", f.state());
        assertEquals("foo", f.details().get("missing"));
        assertEquals(APP + ".onApplicationStart(Application.java:17)", f.details().get("publishedAt"));
        assertEquals(APP + ".onApplicationStart(Application.java:19)", f.details().get("filledAt"));
        assertEquals("GET /reload", f.writer().label());
        assertEquals(APP + ".onApplicationStart(Application.java:17)", f.writer().location());
        assertEquals("GET /page", f.reader().label());
        assertEquals("reader", f.reader().thread());
        assertEquals("com.acme.PageServlet.setting(PageServlet.java:48)", f.reader().location());
        assertNotEquals(f.writer().requestId(), f.reader().requestId());
        assertTrue(f.message().contains("foo was not there yet"), f.message());
        assertEquals(Severity.ERROR, only(FindingType.PUBLISH_THEN_POPULATE).severity());
    }

    @Test
    void partialInitReadHidesTheKeyUnlessAskedToShowIt() throws Exception {
        FieldTable hidden = new FieldTable(100, false);
        FindingRegistry registry = new FindingRegistry(100);
        Recorder r = new Recorder(sites, hidden, registry, 100, type -> false);
        Map<String, Object> map = new HashMap<>();
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread reader = start("reader", () -> {
            await(published);
            inRequest(r, "GET /page", () -> {
                r.staticRead(pageReadsField, map);
                r.containerOp(pageGet, ContainerOp.GET, map, "title", map.get("title"));
            });
            read.countDown();
        });
        inRequest(r, "GET /reload", () -> {
            r.staticWrite(publishSite, map, 0L);
            published.countDown();
            await(read);
            map.put("title", "My application");
            r.containerOp(fillSites[0], ContainerOp.PUT, map, "title", "My application");
            r.methodExit(startMethod);
        });
        join(reader);

        List<Finding> partial = registry.all().stream().filter(f -> f.type() == FindingType.PARTIAL_INIT_READ)
                .collect(Collectors.toList());
        assertEquals(1, partial.size(), String.valueOf(registry.all()));
        Finding f = partial.get(0);
        String missing = String.valueOf(f.details().get("missing"));
        assertTrue(missing.matches("key#[0-9a-f]{4}"), missing);
        assertEquals(SETTINGS + "[" + missing + "]", f.state());
        for (Finding any : registry.all()) {
            String all = any.state() + any.message() + any.details();
            assertFalse(all.contains("title"), all);
            assertFalse(all.contains("My application"), all);
        }
    }

    @Test
    void readOfAKeyThatIsNeverFilledIsNoPartialInitRead() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>("not read");
        publishWithReadersInTheMiddle(1, () -> inRequest("GET /page", () -> seen.set(pageReads("nonexistent"))));
        assertEquals(null, seen.get());

        assertEquals(List.of(), of(FindingType.PARTIAL_INIT_READ), describe());
        assertEquals(1, findings.all().size(), "just the publish-then-populate: " + describe());
    }

    @Test
    void readOfAKeyAlreadyFilledIsNoPartialInitRead() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>("not read");
        publishWithReadersInTheMiddle(2, () -> inRequest("GET /page", () -> seen.set(pageReads("title"))));
        assertEquals("v-title", seen.get());

        assertEquals(List.of(), of(FindingType.PARTIAL_INIT_READ), describe());
    }

    @Test
    void readByThePublishingThreadItselfIsNoPartialInitRead() {
        inRequest("GET /reload", () -> {
            Map<String, Object> map = new HashMap<>();
            settings = map;
            recorder.staticWrite(publishSite, map, 0L);
            pageReads("foo");
            for (int i = 0; i < KEYS.size(); i++) {
                put(map, i, KEYS.get(i));
            }
            recorder.methodExit(startMethod);
        });
        assertEquals(List.of(), of(FindingType.PARTIAL_INIT_READ), describe());
    }

    // ---- structs ------------------------------------------------------------------------------

    @Test
    void structPublishedThenFilledFieldByFieldListsTheFields() {
        inRequest("GET /struct-page", () -> structOnApplicationStart(null, null));

        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("com.acme.StructApplication.current", f.state());
        assertTrue(f.message().contains("4 fields (title, foo, bar, baz)"), f.message());
        assertEquals(List.of("title at com.acme.Settings.setTitle(Settings.java:16)",
                "foo at com.acme.Settings.setFoo(Settings.java:24)", "bar at com.acme.Settings.setBar(Settings.java:32)",
                "baz at com.acme.Settings.setBaz(Settings.java:40)"), f.details().get("fillsAfterPublication"));
    }

    @Test
    void readOfAStructFieldNotFilledYetIsAPartialInitReadOnTheField() throws Exception {
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        AtomicReference<Settings> bean = new AtomicReference<>();
        Thread reader = start("reader", () -> {
            await(published);
            inRequest("GET /struct-page", () -> recorder.fieldAccess(getters.get("bar"), bean.get(), false));
            read.countDown();
        });
        inRequest("GET /struct-page", () -> structOnApplicationStart(bean, () -> {
            published.countDown();
            await(read);
        }));
        join(reader);

        Finding f = only(FindingType.PARTIAL_INIT_READ);
        assertEquals("com.acme.StructApplication.current.bar", f.state());
        assertEquals("bar", f.details().get("missing"));
        assertEquals("com.acme.Settings.setBar(Settings.java:32)", f.details().get("filledAt"));
        assertEquals("com.acme.Settings.getBar(Settings.java:28)", f.reader().location());
    }

    @Test
    void structWithAContainerFieldFilledAfterPublicationIsPublishThenPopulate() {
        inRequest("GET /registry", () -> {
            Registry r = new Registry();
            recorder.staticWrite(registryPublish, r, 0L);
            r.entries.put("billing", "b");
            recorder.containerOp(registryPut, ContainerOp.PUT, r.entries, "billing", "b");
            r.entries.put("search", "s");
            recorder.containerOp(registryPut, ContainerOp.PUT, r.entries, "search", "s");
            recorder.methodExit(registryMethod);
        });

        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals("com.acme.LazyRegistry.registry", f.state());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(List.of("billing at com.acme.Registry.load(Registry.java:15)",
                "search at com.acme.Registry.load(Registry.java:15)"), f.details().get("fillsAfterPublication"));
    }

    @Test
    void objectOfANonStructClassOpensNoWindow() {
        StaticField plain = field("com/acme/Holder", "value", "Ljava/lang/Object;");
        int method = sites.registerMethod("com.acme.Holder", "set", "Holder.java");
        int site = sites.register("com.acme.Holder", "set", "Holder.java", 5, plain, false, null, method);
        int write = sites.register("com.acme.Holder", "set", "Holder.java", 6, null, false, "x", 0);
        inRequest("GET /x", () -> {
            Object value = new StringBuilder();
            recorder.staticWrite(site, value, 0L);
            recorder.fieldAccess(write, value, true);
            recorder.methodExit(method);
        });
        assertEquals(List.of(), of(FindingType.PUBLISH_THEN_POPULATE), describe());
    }

    // ---- reset-during-use ---------------------------------------------------------------------

    @Test
    void anotherRequestReplacingTheMapWithAnEmptyOneIsAResetDuringUse() throws Exception {
        startupSettings();
        inRequest("GET /page", () -> {
            assertEquals("v-title", pageReads("title"));
            onOtherThreadUnchecked("reloader", () -> inRequest("GET /reload", this::onApplicationStart));
            assertEquals("v-foo", pageReads("foo"));
        });

        Finding f = only(FindingType.RESET_DURING_USE);
        assertEquals(Severity.ERROR, f.severity(), describe());
        assertEquals(SETTINGS, f.state());
        assertEquals("GET /reload", f.writer().label());
        assertEquals("reloader", f.writer().thread());
        assertEquals(APP + ".onApplicationStart(Application.java:17)", f.writer().location());
        assertEquals("GET /page", f.reader().label());
        assertEquals("com.acme.PageServlet.setting(PageServlet.java:48)", f.reader().location());
        assertNotEquals(f.writer().requestId(), f.reader().requestId());
    }

    @Test
    void anotherRequestClearingTheMapIsAResetDuringUse() throws Exception {
        startupSettings();
        inRequest("GET /page", () -> {
            pageReads("title");
            onOtherThreadUnchecked("resetter", () -> inRequest("POST /reset", () -> {
                Map<String, Object> map = settings;
                recorder.staticRead(pageReadsField, map);
                map.clear();
                recorder.containerOp(clearSite, ContainerOp.CLEAR, map, null, null);
            }));
            pageReads("foo");
        });

        Finding f = only(FindingType.RESET_DURING_USE);
        assertEquals("POST /reset", f.writer().label());
        assertEquals(APP + ".reset(Application.java:30)", f.writer().location());
        assertEquals("GET /page", f.reader().label());
    }

    @Test
    void replacingTheMapWithACompleteOneIsNoResetDuringUse() throws Exception {
        startupSettings();
        inRequest("GET /page", () -> {
            pageReads("title");
            onOtherThreadUnchecked("reloader", () -> inRequest("GET /reload", this::onApplicationStartBuildThenPublish));
            pageReads("foo");
        });
        assertEquals(List.of(), of(FindingType.RESET_DURING_USE), describe());
        assertEquals(List.of(), of(FindingType.PUBLISH_THEN_POPULATE), describe());
    }

    /**
     * The cflock fix: the reload replaces and refills the map under the write lock, and readers take the
     * read lock for every access, so no reader ever sees it empty; to them the replacement is as whole as
     * the guru's build-then-publish, which is no reset-during-use either (see above). The publication
     * window already follows that rule (a publisher holding a lock opens none).
     */
    @Test
    void replacingTheMapWhileHoldingTheLockReadersTakeIsNoResetDuringUse() throws Exception {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        startupSettings();
        inRequest("GET /page", () -> {
            lockedRead(lock, "title");
            onOtherThreadUnchecked("reloader", () -> inRequest("GET /reload", () -> {
                lock.writeLock().lock();
                try {
                    onApplicationStart();
                } finally {
                    lock.writeLock().unlock();
                }
            }));
            lockedRead(lock, "foo");
        });
        assertEquals(List.of(), findings.all().stream().filter(f -> f.severity() != Severity.INFO)
                .collect(Collectors.toList()), "readers under the read lock never saw the map empty: " + describe());
    }

    private Object lockedRead(ReentrantReadWriteLock lock, String key) {
        lock.readLock().lock();
        try {
            return pageReads(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Test
    void aRequestResettingWhatItReadItselfIsNoResetDuringUse() {
        startupSettings();
        inRequest("GET /page", () -> {
            pageReads("title");
            onApplicationStart();
            pageReads("foo");
        });
        assertEquals(List.of(), of(FindingType.RESET_DURING_USE), describe());
    }

    @Test
    void aResetBeforeARequestFirstReadIsNoResetDuringUse() {
        startupSettings();
        inRequest("GET /reload", this::onApplicationStart);
        inRequest("GET /page", () -> {
            pageReads("title");
            pageReads("foo");
        });
        assertEquals(List.of(), of(FindingType.RESET_DURING_USE), describe());
    }

    // ---- sessions -----------------------------------------------------------------------------

    @Test
    void sessionAttributePublishedThenFilledIsPublishThenPopulateOnTheSessionState() {
        Object request = FakeServletApi.MINIMAL.request("GET", "/session-page", "session-one");
        inServletRequest(request, () -> sessionLoad(new HashMap<>()));

        Finding f = only(FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(SESSION_SETTINGS, f.state());
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("GET /session-page", f.writer().label());
        assertEquals(RequestReader.sessionKey("session-one"), f.writer().session());
        assertEquals("com.acme.SessionSettings.load(SessionSettings.java:17)", f.writer().location());
    }

    @Test
    void sessionSettingsReplacedByARequestOfTheSameSessionIsAResetDuringUse() throws Exception {
        Map<String, Object> mine = sessionMapLoadedEarlier("session-one");
        inServletRequest(FakeServletApi.MINIMAL.request("GET", "/session-page", "session-one"), () -> {
            sessionReads(mine, "title");
            onOtherThreadUnchecked("reloader", () -> inServletRequest(
                    FakeServletApi.MINIMAL.request("GET", "/session-page", "session-one"), () -> sessionLoad(new HashMap<>())));
            sessionReads(mine, "foo");
        });

        Finding f = only(FindingType.RESET_DURING_USE);
        assertEquals(SESSION_SETTINGS, f.state());
        String key = RequestReader.sessionKey("session-one");
        assertEquals(key, f.writer().session());
        assertEquals(key, f.reader().session());
        assertEquals("com.acme.SessionPageServlet.doGet(SessionPageServlet.java:32)", f.reader().location());
    }

    @Test
    void sessionSettingsReplacedInAnotherSessionIsNoResetDuringUse() throws Exception {
        Map<String, Object> mine = sessionMapLoadedEarlier("session-one");
        inServletRequest(FakeServletApi.MINIMAL.request("GET", "/session-page", "session-one"), () -> {
            sessionReads(mine, "title");
            onOtherThreadUnchecked("other-user", () -> inServletRequest(
                    FakeServletApi.MINIMAL.request("GET", "/session-page", "session-two"), () -> sessionLoad(new HashMap<>())));
            sessionReads(mine, "foo");
        });
        assertEquals(List.of(), of(FindingType.RESET_DURING_USE), describe());
    }

    /**
     * Two users' first visits: neither request had a session when it began (each creates its own), so
     * the agent knows no session key for either. They cannot share a session, so one loading its new
     * settings is no reset of the other's.
     */
    @Test
    void firstVisitsOfTwoUsersAreNoResetDuringUseOfEachOther() throws Exception {
        inServletRequest(FakeServletApi.MINIMAL.request("GET", "/session-page", null), () -> {
            Map<String, Object> mine = new HashMap<>();
            sessionLoad(mine);
            sessionReads(mine, "title");
            onOtherThreadUnchecked("other-user", () -> inServletRequest(
                    FakeServletApi.MINIMAL.request("GET", "/session-page", null), () -> sessionLoad(new HashMap<>())));
            sessionReads(mine, "foo");
        });
        assertEquals(List.of(), of(FindingType.RESET_DURING_USE), "the other user's first visit replaced the"
                + " settings of its own new session, not this one's: " + describe());
    }

    @Test
    void completeSessionSettingsStoredWithOneAssignmentAreNoFinding() throws Exception {
        Map<String, Object> mine = sessionMapLoadedEarlier("session-one");
        inServletRequest(FakeServletApi.MINIMAL.request("GET", "/session-page-fixed", "session-one"), () -> {
            sessionReads(mine, "title");
            onOtherThreadUnchecked("reloader", () -> inServletRequest(
                    FakeServletApi.MINIMAL.request("GET", "/session-page-fixed", "session-one"), () -> {
                        Map<String, Object> complete = new HashMap<>();
                        for (String k : KEYS) {
                            complete.put(k, "v-" + k);
                        }
                        recorder.sessionAttribute(sessionPublish, "settings", complete);
                        recorder.methodExit(sessionMethod);
                    }));
            sessionReads(mine, "foo");
        });
        assertEquals(List.of(), findings.all(), describe());
    }

    // ---- the application, as instrumented code would drive the recorder -----------------------

    /** {@code settings = new HashMap<>(); settings.put("title", ...); ...} and the method's return. */
    private void onApplicationStart() {
        Map<String, Object> map = new HashMap<>();
        settings = map;
        recorder.staticWrite(publishSite, map, 0L);
        for (int i = 0; i < KEYS.size(); i++) {
            put(map, i, KEYS.get(i));
        }
        recorder.methodExit(startMethod);
    }

    /** The guru's fix: filled in a local, published with one assignment. */
    private void onApplicationStartBuildThenPublish() {
        Map<String, Object> local = new HashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            put(local, i, KEYS.get(i));
        }
        settings = local;
        recorder.staticWrite(publishSite, local, 0L);
        recorder.methodExit(startMethod);
    }

    /** Settings built and published at startup the safe way, as the state requests find. */
    private void startupSettings() {
        onApplicationStartBuildThenPublish();
        assertEquals(List.of(), findings.all(), describe());
    }

    /**
     * A reload in request "GET /reload" on this thread that publishes, fills the first {@code filledFirst}
     * keys, lets {@code reader} run to completion on thread "reader", then fills the rest and returns.
     */
    private void publishWithReadersInTheMiddle(int filledFirst, Runnable reader) throws Exception {
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread t = start("reader", () -> {
            await(published);
            reader.run();
            read.countDown();
        });
        inRequest("GET /reload", () -> {
            Map<String, Object> map = new HashMap<>();
            settings = map;
            recorder.staticWrite(publishSite, map, 0L);
            for (int i = 0; i < filledFirst; i++) {
                put(map, i, KEYS.get(i));
            }
            published.countDown();
            await(read);
            for (int i = filledFirst; i < KEYS.size(); i++) {
                put(map, i, KEYS.get(i));
            }
            recorder.methodExit(startMethod);
        });
        join(t);
    }

    private void put(Map<String, Object> map, int i, String key) {
        map.put(key, "v-" + key);
        recorder.containerOp(fillSites[i], ContainerOp.PUT, map, key, "v-" + key);
    }

    /** {@code Application.settings.get(key)} in PageServlet.setting. */
    private Object pageReads(String key) {
        Map<String, Object> map = settings;
        recorder.staticRead(pageReadsField, map);
        Object v = map.get(key);
        recorder.containerOp(pageGet, ContainerOp.GET, map, key, v);
        return v;
    }

    /** StructApplication.onApplicationStart, calling {@code between} after the title is set. */
    private void structOnApplicationStart(AtomicReference<Settings> published, Runnable between) {
        Settings s = new Settings();
        if (published != null) {
            published.set(s);
        }
        recorder.staticWrite(structPublish, s, 0L);
        s.title = "t";
        recorder.fieldAccess(setters.get("title"), s, true);
        if (between != null) {
            between.run();
        }
        s.foo = 1;
        recorder.fieldAccess(setters.get("foo"), s, true);
        s.bar = 2;
        recorder.fieldAccess(setters.get("bar"), s, true);
        s.baz = true;
        recorder.fieldAccess(setters.get("baz"), s, true);
        recorder.methodExit(structMethod);
    }

    /** SessionSettings.load: {@code session.setAttribute("settings", map)}, then the puts. */
    private void sessionLoad(Map<String, Object> map) {
        recorder.sessionAttribute(sessionPublish, "settings", map);
        for (String k : KEYS) {
            map.put(k, "v-" + k);
            recorder.containerOp(sessionPut, ContainerOp.PUT, map, k, "v-" + k);
        }
        recorder.methodExit(sessionMethod);
    }

    private Map<String, Object> sessionMapLoadedEarlier(String sessionId) {
        Map<String, Object> map = new HashMap<>();
        inServletRequest(FakeServletApi.MINIMAL.request("GET", "/session-page-fixed", sessionId), () -> {
            Map<String, Object> complete = new HashMap<>();
            for (String k : KEYS) {
                complete.put(k, "v-" + k);
            }
            map.putAll(complete);
            recorder.sessionAttribute(sessionPublish, "settings", map);
            recorder.methodExit(sessionMethod);
        });
        assertEquals(List.of(), findings.all(), describe());
        return map;
    }

    private void sessionReads(Map<String, Object> map, String key) {
        Object v = map.get(key);
        recorder.containerOp(sessionGet, ContainerOp.GET, map, key, v);
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private StaticField field(String owner, String name, String descriptor) {
        fields.declareWriteSite(owner, name, descriptor); // as instrumentation does for a PUTSTATIC outside <clinit>
        return fields.field(owner, name, descriptor);
    }

    private int putSite(String className, String method, String file, int line, int methodId) {
        return sites.register(className, method, file, line, null, false, null, methodId);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void inRequest(String label, Runnable work) {
        inRequest(recorder, label, work);
    }

    private static void inRequest(Recorder r, String label, Runnable work) {
        Object token = r.requestEnter(label, Hooks.KIND_ENTRY_METHOD, 0);
        try {
            work.run();
        } finally {
            r.requestExit(token);
        }
    }

    private void inServletRequest(Object request, Runnable work) {
        Object token = recorder.requestEnter(request, Hooks.KIND_JAKARTA, 0);
        try {
            work.run();
        } finally {
            recorder.requestExit(token);
        }
    }

    private static Thread start(String name, Runnable work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
        FAILURES.put(t, failure);
        t.start();
        return t;
    }

    private static final Map<Thread, AtomicReference<Throwable>> FAILURES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static void join(Thread t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(LATCH_SECONDS * 2));
        assertFalse(t.isAlive(), t.getName() + " did not finish");
        Throwable failure = FAILURES.get(t).get();
        if (failure != null) {
            throw new AssertionError("failed on " + t.getName(), failure);
        }
    }

    private static void onOtherThread(String name, Runnable work) throws InterruptedException {
        join(start(name, work));
    }

    private static void onOtherThreadUnchecked(String name, Runnable work) {
        try {
            onOtherThread(name, work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(LATCH_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within " + LATCH_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<Finding> of(FindingType type) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings.all()) {
            if (f.type() == type) {
                out.add(f);
            }
        }
        return out;
    }

    private Finding only(FindingType type) {
        List<Finding> all = of(type);
        assertEquals(1, all.size(), "one " + type + " finding: " + describe());
        return all.get(0);
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings.all()) {
            sb.append("\n  ").append(f.type()).append(' ').append(f.severity()).append(' ').append(f.state())
                    .append(" writer=").append(f.writer() == null ? null : f.writer().label())
                    .append(" reader=").append(f.reader() == null ? null : f.reader().label())
                    .append(" details=").append(f.details()).append(": ").append(f.message());
        }
        return sb.length() == 0 ? "(no findings)" : sb.toString();
    }

    @Test
    void fakeServletRequestsCarryLabelAndSessionKey() {
        AtomicReference<RequestInfo> info = new AtomicReference<>();
        inServletRequest(FakeServletApi.MINIMAL.request("GET", "/session-page", "abc"),
                () -> info.set(ThreadState.get().activeRequest().info()));
        assertNotNull(info.get());
        assertEquals("GET /session-page", info.get().label());
        assertEquals(RequestReader.sessionKey("abc"), info.get().sessionKey());
    }
}
