package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.SettingsScenario.APPLICATION_SETTINGS;
import static dev.crosstalk.e2e.SettingsScenario.FULL_PAGE;
import static dev.crosstalk.e2e.SettingsScenario.LAZY_REGISTRY;
import static dev.crosstalk.e2e.SettingsScenario.PARTIAL_INIT_READ;
import static dev.crosstalk.e2e.SettingsScenario.PUBLISH_THEN_POPULATE;
import static dev.crosstalk.e2e.SettingsScenario.READERS;
import static dev.crosstalk.e2e.SettingsScenario.SESSION_SETTINGS;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Without {@code show-keys}, the settings findings name keys only by hash ({@code key#} and 4 hex
 * digits), consistently across the state, the missing key and the fills; and values (the title, the
 * registry's URLs) appear nowhere, neither in the JSON file nor in the text on stderr.
 */
class SettingsKeysAndValuesTest {

    private static final Pattern HASHED = Pattern.compile("key#[0-9a-f]{4}");
    /** A fill as the details show it: the hashed key, " at ", the code site. */
    private static final Pattern HASHED_FILL = Pattern.compile("(key#[0-9a-f]{4}) at .+");
    /** The keys of the settings maps and of the registry, as words. */
    private static final Pattern KEY_WORD = Pattern.compile("\\b(title|foo|bar|baz|billing|search)\\b");
    /** Values the app holds: never printed. */
    private static final List<String> VALUES = List.of("My application", "http://127.0.0.1:8081/billing",
            "http://127.0.0.1:8082/search");
    private static final Predicate<JsonNode> PARTIAL_READS =
            SettingsScenario.finding(PARTIAL_INIT_READ, APPLICATION_SETTINGS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.SettingsScenario#jdks")
    void keysAreHashedAndValuesNeverPrinted(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws IOException {
        SettingsScenario.Requests sent = new SettingsScenario.Requests();
        AppProcess app = SettingsScenario.start(jdk, dir, false);
        Findings findings = SettingsScenario.findings(app);
        Http http = Http.to(app);
        try (app) {
            SettingsScenario.warmUp(app, sent, "/page?app=original");
            SettingsScenario.FailingRun failing = SettingsScenario.reloadUntilPagesFail(app, findings, PARTIAL_READS,
                    () -> ReloadUnderLoad.run(http, "/page?app=original", READERS));
            sent.add(failing.requestsSent());
            SettingsScenario.assertPagesFailedAndWereSeen(app, findings, failing, "APPLICATION.SETTINGS",
                    PARTIAL_READS, "a " + PARTIAL_INIT_READ + " on " + APPLICATION_SETTINGS);

            SettingsScenario.Browser user = new SettingsScenario.Browser(app);
            user.startSession("/session-page");
            sent.add(1);
            assertEquals(FULL_PAGE, user.get("/session-page?init=abracadabra").body(), why("session reload", app));
            sent.add(1);
            assertTrue(get200(app, sent, "/registry?kind=unsafe").contains("billing="), why("registry", app));
        }
        app.stopGracefully();
        List<JsonNode> events = findings.all();
        SettingsScenario.assertCommonChecks(app, events, sent.count());
        List<JsonNode> latest = SettingsScenario.latest(events);

        // The map's publish-then-populate lists four different hashed keys, in the order they were filled.
        JsonNode p = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, APPLICATION_SETTINGS);
        List<String> filledKeys = hashedFills(app, events, p, 4);

        // The partial-init-read names the missing key by the same hash, in its state and its details.
        List<JsonNode> partial = SettingsScenario.on(latest, PARTIAL_INIT_READ, APPLICATION_SETTINGS);
        assertFalse(partial.isEmpty(), why("a " + PARTIAL_INIT_READ + " on " + APPLICATION_SETTINGS, app, events));
        for (JsonNode e : partial) {
            String missing = text(e.path("details"), "missing");
            assertTrue(missing != null && HASHED.matcher(missing).matches(), why("details.missing is hashed: "
                    + missing, app, events, e));
            assertEquals(APPLICATION_SETTINGS + "[" + missing + "]", text(e, "state"), why("the state names the"
                    + " same hashed key", app, events, e));
            assertTrue(filledKeys.contains(missing), why("the missing key " + missing + " is one of the fills "
                    + filledKeys, app, events, e));
            int i = filledKeys.indexOf(missing);
            assertEquals(SettingsScenario.PKG + "Application.onApplicationStart(Application.java:" + (18 + i) + ")",
                    text(e.path("details"), "filledAt"), why("filledAt is where that key was put", app, events, e));
        }

        // The session map's fills hash the same keys the same way; the registry's keys are hashed too.
        JsonNode session = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, SESSION_SETTINGS);
        assertEquals(filledKeys, hashedFills(app, events, session, 4), why("the same keys, the same hashes", app,
                events, session));
        hashedFills(app, events, SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, LAZY_REGISTRY), 2);

        // No key in clear in any finding about a map (the bean's field names are code, not keys).
        for (JsonNode e : latest) {
            if (SettingsScenario.isOn(e, SettingsScenario.STRUCT_CURRENT)) {
                continue;
            }
            String shown = text(e, "state") + "\n" + text(e, "message") + "\n" + e.path("details");
            Matcher m = KEY_WORD.matcher(shown);
            assertFalse(m.find(), why("a key in clear ('" + (m.find(0) ? m.group() : "") + "') in a finding made"
                    + " without show-keys", app, events, e));
        }

        // Values: nowhere in the JSON file or on stderr (the agent's text output).
        String json = Files.readString(findings.file(), StandardCharsets.UTF_8);
        String stderr = app.stderr();
        for (String value : VALUES) {
            assertFalse(json.contains(value), why("the value '" + value + "' is in " + findings.file(), app, events));
            assertFalse(stderr.contains(value), why("the value '" + value + "' is on the app's stderr", app, events));
        }
    }

    /** The hashed keys of an event's fills, checking there are {@code n} different ones. */
    private static List<String> hashedFills(AppProcess app, List<JsonNode> events, JsonNode e, int n) {
        List<String> keys = new ArrayList<>();
        for (String fill : SettingsScenario.strings(e.path("details").path("fillsAfterPublication"))) {
            Matcher m = HASHED_FILL.matcher(fill);
            assertTrue(m.matches(), why("a fill names its key by hash: " + fill, app, events, e));
            keys.add(m.group(1));
        }
        assertEquals(n, keys.stream().distinct().count(), why(n + " different hashed keys: " + keys, app, events, e));
        String message = text(e, "message");
        assertTrue(message.contains("(" + String.join(", ", keys) + ")"), why("the message lists the same hashed"
                + " keys", app, events, e));
        return keys;
    }
}
