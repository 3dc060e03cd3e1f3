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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared means reachable from a shared root: an object stored into a session, a static or a shared
 * object's field is shared from then on, and so are the containers its fields hold. Driven through
 * the recorder the way the hooks drive it; each bug next to the look-alike that must stay quiet.
 */
class ReachabilityTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, true);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000,
            type -> type == UserScope.class || type == QuoteService.class);

    /** A per-session "scope" object made at login, its settings map re-initialised by later requests. */
    static final class UserScope {
        Map<String, String> settings = new HashMap<>();
    }

    /** A singleton whose {@code final} map is cleared and refilled per request. */
    static final class QuoteService {
        final Map<String, String> current = new HashMap<>();
    }

    private static final String SCOPE_SETTINGS = "com.acme.UserScope.settings";
    private final StaticField settings = fields.field("com/acme/UserScope", "settings", "Ljava/util/Map;");
    private final int loadMethod = sites.registerMethod("com.acme.UserScope", "load", "UserScope.java");
    // settings = new HashMap<>() at line 20, then puts at 21.. in UserScope.load
    private final int assignSettings = sites.register("com.acme.UserScope", "load", "UserScope.java", 20, settings,
            false, "settings", loadMethod);
    private final int fillSettings = sites.register("com.acme.UserScope", "load", "UserScope.java", 21, null, false,
            null, loadMethod);
    private final int readSettingsField = sites.register("com.acme.PageServlet", "doGet", "PageServlet.java", 30,
            settings, false, "settings", 0);
    private final int readSetting = sites.register("com.acme.PageServlet", "doGet", "PageServlet.java", 31, null, false,
            null, 0);
    private final int storeScope = sites.register("com.acme.LoginServlet", "doPost", "LoginServlet.java", 15, null,
            false, "jakarta.servlet.http.HttpSession", 0);

    private final int storeInContext = sites.register("com.acme.CatalogServlet", "doGet", "CatalogServlet.java", 37,
            null, false, "jakarta.servlet.ServletContext", 0);

    private final StaticField current = fields.field("com/acme/QuoteService", "current", "Ljava/util/Map;");
    private final int readCurrent = sites.register("com.acme.QuoteService", "quote", "QuoteService.java", 40, current,
            false, "current", 0);
    private final int clearCurrent = sites.register("com.acme.QuoteService", "refresh", "QuoteService.java", 50, null,
            false, null, 0);
    private final int putCurrent = sites.register("com.acme.QuoteService", "refresh", "QuoteService.java", 51, null,
            false, null, 0);
    private final int getCurrent = sites.register("com.acme.QuoteService", "quote", "QuoteService.java", 41, null,
            false, null, 0);
    private final StaticField holder = fields.field("com/acme/Services", "QUOTES", "Lcom/acme/QuoteService;");
    private final int storeHolder = sites.register("com.acme.Services", "quotes", "Services.java", 9, holder, false,
            null, 0);

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    // ---- a session's scope object ---------------------------------------------------------------

    @Test
    void sessionScopeMapReinitialisedWhileAnotherTabReadsIsPublishThenPopulateAndPartialInitRead() {
        UserScope scope = loggedIn("session-one");
        inSession("GET /reinit", "session-one", () -> {
            Map<String, String> fresh = new HashMap<>();
            recorder.instanceWrite(assignSettings, scope, fresh, 0);
            scope.settings = fresh;
            Requests.onOtherThread("tab", () -> inSession("GET /page", "session-one", () -> pageReads(scope, "title")));
            fill(scope.settings, "title", "foo");
            recorder.methodExit(loadMethod);
        });

        Finding p = RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of(Severity.ERROR, SCOPE_SETTINGS, "GET /reinit", "com.acme.UserScope.load(UserScope.java:20)",
                List.of("title at com.acme.UserScope.load(UserScope.java:21)",
                        "foo at com.acme.UserScope.load(UserScope.java:21)")),
                List.of(p.severity(), p.state(), p.writer().label(), p.writer().location(),
                        p.details().get("fillsAfterPublication")), RecordedFindings.describe(findings));
        Finding r = RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ);
        assertEquals(List.of(Severity.ERROR, SCOPE_SETTINGS + "[title]", "GET /page",
                "com.acme.PageServlet.doGet(PageServlet.java:31)", RequestReader.sessionKey("session-one")),
                List.of(r.severity(), r.state(), r.reader().label(), r.reader().location(), r.reader().session()),
                RecordedFindings.describe(findings));
    }

    @Test
    void sessionScopeMapBuiltThenAssignedIsQuiet() {
        UserScope scope = loggedIn("session-one");
        inSession("GET /reinit-fixed", "session-one", () -> {
            Map<String, String> built = new HashMap<>();
            built.put("title", "T");
            built.put("foo", "F");
            recorder.instanceWrite(assignSettings, scope, built, 0);
            scope.settings = built;
            Requests.onOtherThread("tab", () -> inSession("GET /page", "session-one", () -> pageReads(scope, "title")));
            recorder.methodExit(loadMethod);
        });
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void objectNeverStoredIntoSharedStateIsNotShared() {
        inSession("GET /login", "session-one", () -> {
            UserScope local = new UserScope();
            recorder.constructed(local);
            Map<String, String> fresh = new HashMap<>();
            recorder.instanceWrite(assignSettings, local, fresh, 0);
            local.settings = fresh;
            fill(local.settings, "title");
            recorder.methodExit(loadMethod);
        });
        assertEquals(List.of(), new ArrayList<>(findings.all()), RecordedFindings.describe(findings));
    }

    @Test
    void sessionScopeReinitialisedInOneSessionIsNoResetForAnotherSessionsReader() {
        UserScope mine = loggedIn("session-one");
        UserScope theirs = loggedIn("session-two");
        inSession("GET /page", "session-one", () -> {
            pageReads(mine, "title");
            Requests.onOtherThread("other-user", () -> inSession("GET /reinit", "session-two", () -> {
                Map<String, String> fresh = new HashMap<>();
                recorder.instanceWrite(assignSettings, theirs, fresh, 0);
                theirs.settings = fresh;
                recorder.methodExit(loadMethod);
            }));
            pageReads(mine, "foo");
        });
        assertEquals(List.of(), RecordedFindings.of(findings, FindingType.RESET_DURING_USE), RecordedFindings.describe(findings));
        assertEquals(List.of(), RecordedFindings.of(findings, FindingType.CROSS_REQUEST_FLOW), RecordedFindings.describe(findings));
    }

    @Test
    void sessionScopeReinitialisedByATabOfTheSameSessionIsAResetDuringUse() {
        UserScope scope = loggedIn("session-one");
        inSession("GET /page", "session-one", () -> {
            pageReads(scope, "title");
            Requests.onOtherThread("tab", () -> inSession("GET /reinit", "session-one", () -> {
                Map<String, String> fresh = new HashMap<>();
                recorder.instanceWrite(assignSettings, scope, fresh, 0);
                scope.settings = fresh;
                fill(fresh, "title", "foo");
                recorder.methodExit(loadMethod);
            }));
            pageReads(scope, "foo");
        });
        Finding f = RecordedFindings.only(findings, FindingType.RESET_DURING_USE);
        assertEquals(List.of(SCOPE_SETTINGS, "GET /reinit", "GET /page"),
                List.of(f.state(), f.writer().label(), f.reader().label()), RecordedFindings.describe(findings));
    }

    // ---- a servlet-context attribute --------------------------------------------------------------

    @Test
    void servletContextObjectReinitialisedWhileAnotherUserReadsIsPublishThenPopulateAndPartialInitRead() {
        UserScope shared = storedInServletContext("session-one");
        inSession("GET /reload", "session-two", () -> {
            Map<String, String> fresh = new HashMap<>();
            recorder.instanceWrite(assignSettings, shared, fresh, 0);
            shared.settings = fresh;
            Requests.onOtherThread("other-user",
                    () -> inSession("GET /show", "session-three", () -> pageReads(shared, "title")));
            fill(shared.settings, "title");
            recorder.methodExit(loadMethod);
        });
        assertEquals(List.of(Severity.ERROR, SCOPE_SETTINGS), List.of(
                RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).severity(),
                RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).state()),
                RecordedFindings.describe(findings));
        Finding r = RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ);
        assertEquals(List.of(SCOPE_SETTINGS + "[title]", RequestReader.sessionKey("session-three")),
                List.of(r.state(), r.reader().session()), RecordedFindings.describe(findings));
    }

    @Test
    void servletContextObjectReinitialisedByAnotherSessionIsAResetDuringUse() {
        UserScope shared = storedInServletContext("session-one");
        inSession("GET /show", "session-two", () -> {
            pageReads(shared, "title");
            Requests.onOtherThread("other-user", () -> inSession("GET /reload", "session-three", () -> {
                Map<String, String> fresh = new HashMap<>();
                recorder.instanceWrite(assignSettings, shared, fresh, 0);
                shared.settings = fresh;
                fill(fresh, "title", "foo");
                recorder.methodExit(loadMethod);
            }));
            pageReads(shared, "foo");
        });
        Finding f = RecordedFindings.only(findings, FindingType.RESET_DURING_USE);
        assertEquals(List.of(SCOPE_SETTINGS, "GET /reload", "GET /show"),
                List.of(f.state(), f.writer().label(), f.reader().label()), RecordedFindings.describe(findings));
    }

    /** The first request makes the object, fills it and keeps it in the servlet context for everybody. */
    private UserScope storedInServletContext(String session) {
        UserScope[] made = new UserScope[1];
        inSession("GET /open", session, () -> {
            made[0] = new UserScope();
            recorder.constructed(made[0]);
            made[0].settings.put("title", "T");
            made[0].settings.put("foo", "F");
            recorder.sessionAttribute(storeInContext, "catalog", made[0]);
        });
        return made[0];
    }

    // ---- a singleton's final container, and a few hops -------------------------------------------

    @Test
    void singletonFinalMapClearedByOneRequestWhileAnotherUsesItIsAResetDuringUse() {
        QuoteService service = new QuoteService();
        recorder.constructed(service); // made at start-up
        refreshesWhileAQuoteIsInFlight(service);
        Finding f = RecordedFindings.only(findings, FindingType.RESET_DURING_USE);
        assertEquals(List.of("com.acme.QuoteService.current", "GET /refresh", "GET /quote"),
                List.of(f.state(), f.writer().label(), f.reader().label()), RecordedFindings.describe(findings));
    }

    @Test
    void serviceMadeInARequestAndStoredInAStaticHolderSharesItsFinalMap() {
        QuoteService[] made = new QuoteService[1];
        inRequest("GET /first", () -> {
            made[0] = new QuoteService();
            recorder.constructed(made[0]);
            recorder.staticWrite(storeHolder, made[0], 0);
        });
        refreshesWhileAQuoteIsInFlight(made[0]);
        assertEquals(1, RecordedFindings.of(findings, FindingType.RESET_DURING_USE).size(), RecordedFindings.describe(findings));
    }

    @Test
    void serviceMadeInARequestAndKeptThereIsNotShared() {
        QuoteService[] made = new QuoteService[1];
        inRequest("GET /first", () -> {
            made[0] = new QuoteService();
            recorder.constructed(made[0]);
        });
        refreshesWhileAQuoteIsInFlight(made[0]);
        assertEquals(List.of(), new ArrayList<>(findings.all()), RecordedFindings.describe(findings));
    }

    @Test
    void singletonFinalMapOnlyReadByRequestsIsQuiet() {
        QuoteService service = new QuoteService();
        recorder.constructed(service);
        service.current.put("EUR", "1.1");
        for (String label : List.of("GET /quote?1", "GET /quote?2")) {
            inRequest(label, () -> quote(service, "EUR"));
        }
        assertEquals(List.of(), new ArrayList<>(findings.all()), RecordedFindings.describe(findings));
    }

    private void refreshesWhileAQuoteIsInFlight(QuoteService service) {
        inRequest("GET /quote", () -> {
            quote(service, "EUR");
            Requests.onOtherThread("refresher", () -> inRequest("GET /refresh", () -> {
                Map<String, String> m = reached(readCurrent, service, service.current);
                recorder.containerOp(clearCurrent, ContainerOp.CLEAR, m, null, null);
                m.clear();
                recorder.containerOp(putCurrent, ContainerOp.PUT, m, "EUR", "1.2");
                m.put("EUR", "1.2");
            }));
            quote(service, "EUR");
        });
    }

    private void quote(QuoteService service, String key) {
        Map<String, String> m = reached(readCurrent, service, service.current);
        recorder.containerOp(getCurrent, ContainerOp.GET, m, key, m.get(key));
    }

    /** What {@code Hooks.getContainerField} does for a read of a container-typed field. */
    private <T> T reached(int site, Object owner, T container) {
        recorder.containerReached(site, owner, container);
        return container;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Login: the scope is made and filled in the request, then stored into the session. */
    private UserScope loggedIn(String session) {
        UserScope[] scope = new UserScope[1];
        inSession("POST /login", session, () -> {
            scope[0] = new UserScope();
            recorder.constructed(scope[0]);
            scope[0].settings.put("title", "T");
            scope[0].settings.put("foo", "F");
            recorder.sessionAttribute(storeScope, "scope", scope[0]);
        });
        return scope[0];
    }

    private void pageReads(UserScope scope, String key) {
        Map<String, String> m = scope.settings;
        recorder.instanceRead(readSettingsField, scope, m, 0);
        recorder.containerReached(readSettingsField, scope, m);
        recorder.containerOp(readSetting, ContainerOp.GET, m, key, m.get(key));
    }

    private void fill(Map<String, String> m, String... keys) {
        for (String k : keys) {
            recorder.containerOp(fillSettings, ContainerOp.PUT, m, k, k.toUpperCase());
            m.put(k, k.toUpperCase());
        }
    }

    private void inSession(String label, String session, Runnable work) {
        String[] parts = label.split(" ", 2);
        Requests.inServletRequest(recorder, FakeServletApi.CURRENT.request(parts[0], parts[1], session), work);
    }

    private void inRequest(String label, Runnable work) {
        Requests.inRequest(recorder, label, work);
    }

}
