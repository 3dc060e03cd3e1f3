package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.SettingsScenario.APPLICATION_PUBLISH_SITE;
import static dev.crosstalk.e2e.SettingsScenario.APPLICATION_SETTINGS;
import static dev.crosstalk.e2e.SettingsScenario.FULL_PAGE;
import static dev.crosstalk.e2e.SettingsScenario.PKG;
import static dev.crosstalk.e2e.SettingsScenario.PUBLISH_THEN_POPULATE;
import static dev.crosstalk.e2e.SettingsScenario.STRUCT_CURRENT;
import static dev.crosstalk.e2e.SettingsScenario.STRUCT_PUBLISH_SITE;
import static dev.crosstalk.e2e.SettingsScenario.get200;
import static dev.crosstalk.e2e.SettingsScenario.text;
import static dev.crosstalk.e2e.SettingsScenario.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 2 before anyone reloads: main() runs every onApplicationStart() once, outside requests, before
 * the connector opens. The two that publish first and fill afterwards are warnings (no request can be
 * reading yet); their fixed twins are quiet; pages reading what startup wrote are no finding at all.
 */
class SettingsStartupTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.SettingsScenario#jdks")
    void startupPublishThenPopulateIsAWarningAndNothingElse(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        SettingsScenario.Requests sent = new SettingsScenario.Requests();
        AppProcess app = SettingsScenario.start(jdk, dir, true);
        try (app) {
            // Reads only: state written during initialisation and read by requests is never a finding.
            for (String page : List.of("/page?app=original", "/page?app=guru", "/page?app=locked")) {
                assertEquals(FULL_PAGE, get200(app, sent, page), why("GET " + page, app));
            }
            for (String page : List.of("/struct-page?app=original", "/struct-page?app=fixed")) {
                assertEquals(FULL_PAGE, get200(app, sent, page), why("GET " + page, app));
            }
            assertEquals("ok", get200(app, sent, "/health"), why("GET /health", app));
        }
        app.stopGracefully();
        List<JsonNode> events = SettingsScenario.findings(app).all();
        SettingsScenario.assertCommonChecks(app, events, sent.count());
        List<JsonNode> latest = SettingsScenario.latest(events);

        assertEquals(List.of(), Findings.atLeast(latest, "error"), why("no error at all after startup alone", app,
                events));
        List<String> states = latest.stream().map(e -> text(e, "type") + " " + text(e, "severity") + " "
                + text(e, "state")).sorted().collect(Collectors.toList());
        assertEquals(List.of(PUBLISH_THEN_POPULATE + " warning " + APPLICATION_SETTINGS,
                PUBLISH_THEN_POPULATE + " warning " + STRUCT_CURRENT), states, why("exactly the two startup"
                + " warnings; GuruApplication, LockedApplication and FixedStructApplication are quiet, and reads"
                + " of startup state are no finding", app, events));

        JsonNode map = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, APPLICATION_SETTINGS);
        assertStartupWarning(app, events, map, APPLICATION_PUBLISH_SITE, "4 entries (title, foo, bar, baz)",
                SettingsScenario.fills(PKG + "Application.onApplicationStart", "Application.java", 18));

        JsonNode struct = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, STRUCT_CURRENT);
        List<String> setterFills = new ArrayList<>();
        for (int i = 0; i < SettingsScenario.KEYS.size(); i++) {
            String key = SettingsScenario.KEYS.get(i);
            setterFills.add(key + " at " + PKG + "Settings.set" + Character.toUpperCase(key.charAt(0))
                    + key.substring(1) + "(Settings.java:" + (16 + 8 * i) + ")");
        }
        assertStartupWarning(app, events, struct, STRUCT_PUBLISH_SITE, "4 fields (title, foo, bar, baz)",
                setterFills);

        // The readable text output has both warnings, and nothing at warning or above besides them.
        List<String> textLines = app.stderr().lines()
                .filter(l -> l.startsWith("crosstalk ERROR ") || l.startsWith("crosstalk WARNING "))
                .collect(Collectors.toList());
        assertEquals(List.of("crosstalk WARNING " + PUBLISH_THEN_POPULATE + ": " + APPLICATION_SETTINGS,
                "crosstalk WARNING " + PUBLISH_THEN_POPULATE + ": " + STRUCT_CURRENT),
                textLines.stream().sorted().collect(Collectors.toList()),
                why("the text output's warning and error lines", app, events));
    }

    private static void assertStartupWarning(AppProcess app, List<JsonNode> events, JsonNode e, String site,
            String filled, List<String> fills) {
        JsonNode w = e.path("writer");
        List<Object> actual = List.of(String.valueOf(text(e, "severity")), String.valueOf(text(w, "label")),
                w.path("requestId").asLong(-1), String.valueOf(text(w, "location")),
                String.valueOf(text(e.path("details"), "publishedAt")),
                SettingsScenario.strings(e.path("details").path("fillsAfterPublication")),
                String.valueOf(e.path("reader").isNull()), e.path("count").asLong());
        List<Object> expected = List.of("warning", "(initialisation)", 0L, site, site, fills, "true", 1L);
        assertEquals(expected, actual, why("[severity, writer label, writer request id, writer location,"
                + " publishedAt, fillsAfterPublication, no reader, count]", app, events, e));
        String message = text(e, "message");
        assertTrue(message.contains(filled) && message.contains("It ran outside any request"),
                why("the message names the fills (" + filled + ") and says it ran outside any request: " + message,
                        app, events, e));
    }
}
