package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.SettingsScenario.FULL_PAGE;
import static dev.crosstalk.e2e.SettingsScenario.KEYS;
import static dev.crosstalk.e2e.SettingsScenario.PARTIAL_INIT_READ;
import static dev.crosstalk.e2e.SettingsScenario.PKG;
import static dev.crosstalk.e2e.SettingsScenario.PUBLISH_THEN_POPULATE;
import static dev.crosstalk.e2e.SettingsScenario.RESET_DURING_USE;
import static dev.crosstalk.e2e.SettingsScenario.SESSION_PUBLISH_SITE;
import static dev.crosstalk.e2e.SettingsScenario.SESSION_READERS;
import static dev.crosstalk.e2e.SettingsScenario.SESSION_SETTINGS;
import static dev.crosstalk.e2e.SettingsScenario.text;
import static dev.crosstalk.e2e.SettingsScenario.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.ReloadUnderLoad;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 2 moved to SESSION scope: the per-user settings kept in the session, reloaded by one of the user's
 * requests while the user's other tabs read them. The session is one user's: concurrent requests of
 * that session are what can collide, requests of other users cannot.
 */
class SettingsSessionTest {

    private static final String FIXED_SITE_CLASS = PKG + "FixedSessionSettings";
    private static final Predicate<JsonNode> PARTIAL_READS = SettingsScenario.finding(PARTIAL_INIT_READ, SESSION_SETTINGS);
    private static final java.util.regex.Pattern SESSION_KEY = java.util.regex.Pattern.compile("s-[0-9a-f]{12}");
    private static final int NEW_USERS = 32;
    private static final int NEW_USERS_AT_ONCE = 8;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.SettingsScenario#jdks")
    void reloadOfSessionSettingsUnderTheUsersOwnLoadIsAnErrorAndTheFixIsQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        SettingsScenario.Requests sent = new SettingsScenario.Requests();
        AppProcess app = SettingsScenario.start(jdk, dir, true);
        Findings findings = SettingsScenario.findings(app);
        String userCookie;
        try (app) {
            SettingsScenario.Browser user = new SettingsScenario.Browser(app);
            user.startSession("/session-page");
            sent.add(1);
            userCookie = user.cookie();

            SettingsScenario.FailingRun failing = SettingsScenario.reloadUntilPagesFail(app, findings, PARTIAL_READS,
                    () -> SettingsScenario.reloadUnderLoad(user::get, "/session-page", SESSION_READERS));
            sent.add(failing.requestsSent());
            SettingsScenario.assertPagesFailedAndWereSeen(app, findings, failing, "SESSION.SETTINGS", PARTIAL_READS,
                    "a " + PARTIAL_INIT_READ + " on " + SESSION_SETTINGS);
            assertEquals(userCookie, user.cookie(), why("the user kept one session throughout", app));

            SettingsScenario.Browser other = new SettingsScenario.Browser(app);
            other.startSession("/session-page-fixed");
            sent.add(1);
            assertNotEquals(userCookie, other.cookie(), why("a second user, a second session", app));
            SettingsScenario.assertNoPageFails(app, sent,
                    SettingsScenario.reloadUnderLoad(other::get, "/session-page-fixed", SESSION_READERS),
                    "the fixed session settings");
        }
        app.stopGracefully();
        List<JsonNode> events = findings.all();
        SettingsScenario.assertCommonChecks(app, events, sent.count());
        List<JsonNode> latest = SettingsScenario.latest(events);

        // publish-then-populate: the session attribute set to an empty map, then filled
        JsonNode p = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, SESSION_SETTINGS);
        JsonNode pw = p.path("writer");
        List<Object> actual = List.of(String.valueOf(text(p, "severity")), String.valueOf(text(pw, "label")),
                pw.path("requestId").asLong() > 0, String.valueOf(text(pw, "location")),
                String.valueOf(text(p.path("details"), "publishedAt")),
                SettingsScenario.strings(p.path("details").path("fillsAfterPublication")));
        List<Object> expected = List.of("error", "GET /session-page", true, SESSION_PUBLISH_SITE, SESSION_PUBLISH_SITE,
                SettingsScenario.fills(PKG + "SessionSettings.load", "SessionSettings.java", 19));
        assertEquals(expected, actual, why("[severity, writer label, writer in a request, writer location,"
                + " publishedAt, fillsAfterPublication]", app, events, p));

        // partial-init-read: one of the user's tabs read the half-filled map, in the user's session
        List<JsonNode> partial = SettingsScenario.on(latest, PARTIAL_INIT_READ, SESSION_SETTINGS);
        assertFalse(partial.isEmpty(), why("a " + PARTIAL_INIT_READ + " on " + SESSION_SETTINGS, app, events));
        for (JsonNode e : partial) {
            JsonNode details = e.path("details");
            String missing = text(details, "missing");
            assertTrue(KEYS.contains(missing), why("details.missing is a settings key: " + missing, app, events, e));
            int i = KEYS.indexOf(missing);
            JsonNode w = e.path("writer");
            JsonNode r = e.path("reader");
            actual = List.of(String.valueOf(text(e, "severity")), String.valueOf(text(e, "state")),
                    String.valueOf(text(details, "publishedAt")), String.valueOf(text(details, "filledAt")),
                    String.valueOf(text(w, "label")), String.valueOf(text(w, "location")),
                    String.valueOf(text(r, "label")), String.valueOf(text(r, "location")));
            // SessionPageServlet reads title, foo, bar, baz on lines 32..35: the key missed names the line.
            expected = List.of("error", SESSION_SETTINGS + "[" + missing + "]", SESSION_PUBLISH_SITE,
                    PKG + "SessionSettings.load(SessionSettings.java:" + (19 + i) + ")", "GET /session-page",
                    SESSION_PUBLISH_SITE, "GET /session-page",
                    PKG + "SessionPageServlet.doGet(SessionPageServlet.java:" + (32 + i) + ")");
            assertEquals(expected, actual, why("[severity, state, publishedAt, filledAt, writer label, writer"
                    + " location, reader label, reader location]", app, events, e));
            String ws = String.valueOf(text(w, "session"));
            String rs = String.valueOf(text(r, "session"));
            assertTrue(SESSION_KEY.matcher(ws).matches() && ws.equals(rs), why("writer and reader are requests of"
                    + " the same session, shown as a hash (" + ws + " / " + rs + ")", app, events, e));
            assertFalse(ws.contains(userCookie.substring(userCookie.indexOf('=') + 1)), why("the session id itself"
                    + " is never shown", app, events, e));
            assertNotEquals(w.path("requestId").asLong(), r.path("requestId").asLong(), why("different requests",
                    app, events, e));
        }

        List<JsonNode> bad = SettingsScenario.warningsAbout(events, FIXED_SITE_CLASS);
        assertTrue(bad.isEmpty(), why("no warning or error from FixedSessionSettings' one-assignment store:"
                + Findings.describe(bad), app, events));
        List<JsonNode> others = Findings.atLeast(latest, "warning").stream()
                .filter(e -> SettingsScenario.isOn(e, SESSION_SETTINGS))
                .filter(e -> !List.of(PUBLISH_THEN_POPULATE, PARTIAL_INIT_READ, RESET_DURING_USE)
                        .contains(text(e, "type")))
                .collect(Collectors.toList());
        assertEquals(List.of(), others, why("no other warning or error on " + SESSION_SETTINGS, app, events));
    }

    /**
     * Many users' first visits at once: each request creates its own session and loads that session's
     * settings (publish-then-populate, rightly). No two of them share a session, so none can reset the
     * settings another one is using.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.SettingsScenario#jdks")
    void firstVisitsOfDifferentUsersAreNoResetDuringUse(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        AppProcess app = SettingsScenario.start(jdk, dir, true);
        Findings findings = SettingsScenario.findings(app);
        List<String> cookies = new ArrayList<>();
        try (app) {
            ExecutorService users = Executors.newFixedThreadPool(NEW_USERS_AT_ONCE);
            try {
                List<Future<String>> visits = new ArrayList<>();
                for (int i = 0; i < NEW_USERS; i++) {
                    visits.add(users.submit(() -> {
                        SettingsScenario.Browser b = new SettingsScenario.Browser(app);
                        Http.Response r = b.get("/session-page");
                        assertEquals(200, r.status(), why("a first visit: " + r.body(), app));
                        assertEquals(FULL_PAGE, r.body(), why("a first visit", app));
                        return b.cookie();
                    }));
                }
                for (Future<String> f : visits) {
                    cookies.add(f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                users.shutdownNow();
            }
        }
        app.stopGracefully();
        List<JsonNode> events = findings.all();
        SettingsScenario.assertCommonChecks(app, events, NEW_USERS);
        assertEquals(NEW_USERS, cookies.stream().distinct().count(), why("every first visit got its own session: "
                + cookies, app, events));

        JsonNode p = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, SESSION_SETTINGS);
        assertEquals("error", text(p, "severity"), why("loading session settings inside a request", app, events, p));
        List<JsonNode> resets = SettingsScenario.on(SettingsScenario.latest(events), RESET_DURING_USE,
                SESSION_SETTINGS);
        assertTrue(resets.isEmpty(), why(NEW_USERS + " users with " + NEW_USERS + " different sessions: none of them"
                + " can have replaced another one's session settings, yet:" + Findings.describe(resets)
                + "\n" + resets.stream().map(JsonNode::toPrettyString).collect(Collectors.joining("\n")), app, events));
    }
}
