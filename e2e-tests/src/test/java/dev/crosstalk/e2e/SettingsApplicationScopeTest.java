package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.SettingsScenario.APPLICATION_PUBLISH_SITE;
import static dev.crosstalk.e2e.SettingsScenario.APPLICATION_SETTINGS;
import static dev.crosstalk.e2e.SettingsScenario.FULL_PAGE;
import static dev.crosstalk.e2e.SettingsScenario.KEYS;
import static dev.crosstalk.e2e.SettingsScenario.PAGE_READ_SITE;
import static dev.crosstalk.e2e.SettingsScenario.PARTIAL_INIT_READ;
import static dev.crosstalk.e2e.SettingsScenario.PKG;
import static dev.crosstalk.e2e.SettingsScenario.PUBLISH_THEN_POPULATE;
import static dev.crosstalk.e2e.SettingsScenario.READERS;
import static dev.crosstalk.e2e.SettingsScenario.RESET_DURING_USE;
import static dev.crosstalk.e2e.SettingsScenario.WAIT;
import static dev.crosstalk.e2e.SettingsScenario.get200;
import static dev.crosstalk.e2e.SettingsScenario.text;
import static dev.crosstalk.e2e.SettingsScenario.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.ReloadUnderLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 2 itself, APPLICATION scope: {@code ?init=abracadabra} re-runs onApplicationStart() inside a
 * request, which assigns a new empty map and fills it key by key while other pages read it. One app
 * JVM per JDK runs the scenarios in an order where each one's findings can be told apart:
 * <ol>
 * <li>a reload with nobody else around: the startup warning becomes an error;</li>
 * <li>a reload 100 ms into a slow page that reads the settings before and after a 300 ms widget: the page
 * survives (it reads again after the fills) but its settings were pulled from under it, a
 * reset-during-use; the same with the guru's fix is quiet;</li>
 * <li>a reload under load: pages fail with the seed's error, a partial-init-read; the guru's fix under
 * the same load: no failed page, no warning.</li>
 * </ol>
 * The locked fix gets its own app JVM.
 */
class SettingsApplicationScopeTest {

    private static final Predicate<JsonNode> PARTIAL_READS =
            SettingsScenario.finding(PARTIAL_INIT_READ, APPLICATION_SETTINGS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.SettingsScenario#jdks")
    void reloadInsideRequestsIsAnErrorAndTheFixedTwinsAreQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        SettingsScenario.Requests sent = new SettingsScenario.Requests();
        AppProcess app = SettingsScenario.start(jdk, dir, true);
        Findings findings = SettingsScenario.findings(app);
        Http http = Http.to(app);
        String startupFingerprint;
        SettingsScenario.FailingRun failing;
        try (app) {
            SettingsScenario.warmUp(app, sent, "/page?app=original", "/page?app=guru", "/page?app=locked");
            List<JsonNode> events = findings.waitFor(ev -> !publishThenPopulate(ev).isEmpty(), WAIT);
            assertEquals(1, publishThenPopulate(events).size(), why("the startup warning on " + APPLICATION_SETTINGS,
                    app, events));
            JsonNode startup = publishThenPopulate(events).get(0);
            assertEquals("warning", text(startup, "severity"), why("startup alone is a warning", app, events, startup));
            startupFingerprint = text(startup, "fingerprint");

            // 1. One reload, nobody else reading: publish-then-populate inside a request, after startup.
            assertEquals(FULL_PAGE, get200(app, sent, "/page?app=original&init=abracadabra"),
                    why("the reload page", app));
            events = findings.waitFor(ev -> isError(publishThenPopulate(ev)), WAIT);
            assertTrue(isError(publishThenPopulate(events)), why("the reload escalates the startup warning of "
                    + APPLICATION_SETTINGS + " to an error", app, events));
            JsonNode escalated = publishThenPopulate(events).get(0);
            assertEquals(startupFingerprint, text(escalated, "fingerprint"), why("the same bug keeps its fingerprint",
                    app, events, escalated));
            assertTrue(text(escalated, "message").contains("Safe at startup, unsafe when called from GET /page"),
                    why("the message says why it became an error", app, events, escalated));
            assertEquals("GET /page", text(escalated.path("writer"), "label"), why("the evidence follows the"
                    + " severity: the reloading request", app, events, escalated));

            // 2. A reload 100 ms into a slow page: the page reads the settings again after they were replaced.
            for (String page : List.of("/page?app=original&widget=news", "/page?app=guru&widget=news")) {
                get200(app, sent, page); // so that the timings below run on loaded, compiled code
            }
            String slow = ReloadUnderLoad.slowPageDuringReload(http);
            sent.add(2);
            assertEquals("title=My application news=[3 headlines] foo=42 bar=60 baz=false", slow,
                    why("the slow page still answers a whole page: it reads foo after the reload filled it", app));
            events = findings.waitFor(ev -> !resets(ev).isEmpty(), WAIT);
            assertEquals(1, resets(events).size(), why("a " + RESET_DURING_USE + " on " + APPLICATION_SETTINGS
                    + " after the slow page", app, events));
            Http.Response guru = SettingsScenario.slowPageDuringReload(http, "guru");
            sent.add(2);
            assertEquals(200, guru.status(), why("the guru's slow page: " + guru.body(), app));
            assertEquals("title=My application news=[3 headlines] foo=42 bar=60 baz=false", guru.body(),
                    why("the guru's slow page", app));

            // 3. Reloads under load until pages fail; the partial-init-read must count up in that same run.
            failing = SettingsScenario.reloadUntilPagesFail(app, findings, PARTIAL_READS,
                    () -> ReloadUnderLoad.run(http, "/page?app=original", READERS));
            sent.add(failing.requestsSent());
            SettingsScenario.assertPagesFailedAndWereSeen(app, findings, failing, "APPLICATION.SETTINGS",
                    PARTIAL_READS, "a " + PARTIAL_INIT_READ + " on " + APPLICATION_SETTINGS);

            SettingsScenario.assertNoPageFails(app, sent, ReloadUnderLoad.run(http, "/page?app=guru", READERS),
                    "the guru's variant");
        }
        app.stopGracefully();
        List<JsonNode> events = findings.all();
        SettingsScenario.assertCommonChecks(app, events, sent.count());
        List<JsonNode> latest = SettingsScenario.latest(events);

        // publish-then-populate: an error now, with the reloading request as its evidence
        JsonNode p = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, APPLICATION_SETTINGS);
        JsonNode pw = p.path("writer");
        List<Object> actual = List.of(String.valueOf(text(p, "severity")), String.valueOf(text(p, "fingerprint")),
                String.valueOf(text(pw, "label")), pw.path("requestId").asLong() > 0,
                String.valueOf(text(pw, "location")), String.valueOf(text(p.path("details"), "publishedAt")),
                SettingsScenario.strings(p.path("details").path("fillsAfterPublication")));
        List<Object> expected = List.of("error", startupFingerprint, "GET /page", true, APPLICATION_PUBLISH_SITE,
                APPLICATION_PUBLISH_SITE, SettingsScenario.fills(PKG + "Application.onApplicationStart",
                        "Application.java", 18));
        assertEquals(expected, actual, why("[severity, fingerprint, writer label, writer in a request, writer"
                + " location, publishedAt, fillsAfterPublication]", app, events, p));
        assertTrue(text(p, "message").contains("Safe at startup, unsafe when called from GET /page"),
                why("message", app, events, p));

        // partial-init-read: a reader page missed a key that the reload filled later
        List<JsonNode> partial = SettingsScenario.on(latest, PARTIAL_INIT_READ, APPLICATION_SETTINGS);
        assertFalse(partial.isEmpty(), why("a " + PARTIAL_INIT_READ + " on " + APPLICATION_SETTINGS, app, events));
        for (JsonNode e : partial) {
            assertPartialRead(app, events, e);
        }

        // reset-during-use: the reload pulled the settings from under the slow page
        List<JsonNode> resets = SettingsScenario.on(latest, RESET_DURING_USE, APPLICATION_SETTINGS);
        assertEquals(1, resets.size(), why("one " + RESET_DURING_USE + " on " + APPLICATION_SETTINGS, app, events));
        JsonNode reset = resets.get(0);
        JsonNode rw = reset.path("writer");
        JsonNode rr = reset.path("reader");
        actual = List.of(String.valueOf(text(reset, "severity")), String.valueOf(text(reset, "state")),
                String.valueOf(text(rw, "label")), String.valueOf(text(rw, "location")),
                String.valueOf(text(rr, "label")), String.valueOf(text(rr, "location")));
        expected = List.of("error", APPLICATION_SETTINGS, "GET /page", APPLICATION_PUBLISH_SITE, "GET /page",
                PAGE_READ_SITE);
        assertEquals(expected, actual, why("[severity, state, resetter label, resetter location, user label, user"
                + " location]", app, events, reset));
        long resetter = rw.path("requestId").asLong();
        long user = rr.path("requestId").asLong();
        assertTrue(user > 0 && user < resetter, why("the slow page (request " + user + ") began before the reload"
                + " (request " + resetter + ") that reset its settings", app, events, reset));

        // Nothing else at warning or above on the settings map; nothing at all for the fixed twins.
        List<JsonNode> others = Findings.atLeast(latest, "warning").stream()
                .filter(e -> SettingsScenario.isOn(e, APPLICATION_SETTINGS))
                .filter(e -> !List.of(PUBLISH_THEN_POPULATE, PARTIAL_INIT_READ, RESET_DURING_USE)
                        .contains(text(e, "type")))
                .collect(Collectors.toList());
        assertEquals(List.of(), others, why("no other warning or error on " + APPLICATION_SETTINGS, app, events));
        List<JsonNode> bad = SettingsScenario.warningsAbout(events, PKG + "GuruApplication");
        assertTrue(bad.isEmpty(), why("no warning or error about GuruApplication:" + Findings.describe(bad), app,
                events));
    }

    /**
     * The naive {@code cflock} fix: the reload holds the write lock, every read takes the read lock. Pages
     * wait out the reload and never see a half-filled map, exactly like the guru's fix, under load and
     * during a slow page alike: no warning, no error. (The slow page mixes settings read before and after
     * the reload with both fixes alike; with the guru's fix that is quiet, so it must be here.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.SettingsScenario#jdks")
    void lockedReloadIsQuietUnderLoadAndDuringASlowPage(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        SettingsScenario.Requests sent = new SettingsScenario.Requests();
        AppProcess app = SettingsScenario.start(jdk, dir, true);
        Findings findings = SettingsScenario.findings(app);
        Http http = Http.to(app);
        try (app) {
            SettingsScenario.warmUp(app, sent, "/page?app=locked");
            SettingsScenario.assertNoPageFails(app, sent, ReloadUnderLoad.run(http, "/page?app=locked", READERS),
                    "the locked variant");

            get200(app, sent, "/page?app=locked&widget=news"); // so that the timings below run on a warm app
            Http.Response slow = SettingsScenario.slowPageDuringReload(http, "locked");
            sent.add(2);
            assertEquals(200, slow.status(), why("the locked slow page: " + slow.body(), app));
            assertEquals("title=My application news=[3 headlines] foo=42 bar=60 baz=false", slow.body(),
                    why("the locked slow page", app));
        }
        app.stopGracefully();
        List<JsonNode> events = findings.all();
        SettingsScenario.assertCommonChecks(app, events, sent.count());
        List<JsonNode> bad = SettingsScenario.warningsAbout(events, PKG + "LockedApplication");
        assertTrue(bad.isEmpty(), why("no warning or error about LockedApplication, whose reload holds the write"
                + " lock that every read takes:" + Findings.describe(bad) + "\n" + bad.stream()
                .map(JsonNode::toPrettyString).collect(Collectors.joining("\n")), app, events));
    }

    private static void assertPartialRead(AppProcess app, List<JsonNode> events, JsonNode e) {
        JsonNode details = e.path("details");
        String missing = text(details, "missing");
        assertTrue(KEYS.contains(missing), why("details.missing is a settings key: " + missing, app, events, e));
        JsonNode w = e.path("writer");
        JsonNode r = e.path("reader");
        List<Object> actual = List.of(String.valueOf(text(e, "severity")), String.valueOf(text(e, "state")),
                String.valueOf(text(details, "publishedAt")), String.valueOf(text(details, "filledAt")),
                String.valueOf(text(w, "label")), String.valueOf(text(w, "location")),
                String.valueOf(text(r, "label")), String.valueOf(text(r, "location")));
        List<Object> expected = List.of("error", APPLICATION_SETTINGS + "[" + missing + "]", APPLICATION_PUBLISH_SITE,
                PKG + "Application.onApplicationStart(Application.java:" + (18 + KEYS.indexOf(missing)) + ")",
                "GET /page", APPLICATION_PUBLISH_SITE, "GET /page", PAGE_READ_SITE);
        assertEquals(expected, actual, why("[severity, state, publishedAt, filledAt, writer label, writer location,"
                + " reader label, reader location]", app, events, e));
        long writer = w.path("requestId").asLong();
        long reader = r.path("requestId").asLong();
        assertTrue(writer > 0 && reader > 0 && writer != reader, why("writer and reader are different requests: "
                + writer + " / " + reader, app, events, e));
        assertTrue(text(e, "message").contains(missing + " was not there yet"), why("the message names the missing"
                + " key", app, events, e));
    }

    private static List<JsonNode> publishThenPopulate(List<JsonNode> events) {
        return SettingsScenario.on(SettingsScenario.latest(events), PUBLISH_THEN_POPULATE, APPLICATION_SETTINGS);
    }

    private static List<JsonNode> resets(List<JsonNode> events) {
        return SettingsScenario.on(SettingsScenario.latest(events), RESET_DURING_USE, APPLICATION_SETTINGS);
    }

    private static boolean isError(List<JsonNode> latest) {
        return latest.size() == 1 && "error".equals(text(latest.get(0), "severity"));
    }
}
