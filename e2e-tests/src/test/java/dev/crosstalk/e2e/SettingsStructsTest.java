package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.SettingsScenario.FULL_PAGE;
import static dev.crosstalk.e2e.SettingsScenario.KEYS;
import static dev.crosstalk.e2e.SettingsScenario.LAZY_REGISTRY;
import static dev.crosstalk.e2e.SettingsScenario.PARTIAL_INIT_READ;
import static dev.crosstalk.e2e.SettingsScenario.PKG;
import static dev.crosstalk.e2e.SettingsScenario.PUBLISH_THEN_POPULATE;
import static dev.crosstalk.e2e.SettingsScenario.READERS;
import static dev.crosstalk.e2e.SettingsScenario.REGISTRY_PUBLISH_SITE;
import static dev.crosstalk.e2e.SettingsScenario.STRUCT_CURRENT;
import static dev.crosstalk.e2e.SettingsScenario.STRUCT_PUBLISH_SITE;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 2 with plain objects instead of maps: the settings bean published and then filled through its
 * setters (and its fix, filled in a local first), and the service registry looked up on first use the
 * unsafe way (published, then loaded) next to the holder idiom and double-checked locking.
 */
class SettingsStructsTest {

    private static final String REGISTRY_PAGE = "kind=%s billing=http://127.0.0.1:8081/billing"
            + " search=http://127.0.0.1:8082/search";
    private static final Predicate<JsonNode> PARTIAL_READS = SettingsScenario.finding(PARTIAL_INIT_READ, STRUCT_CURRENT);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.SettingsScenario#jdks")
    void beanAndRegistryPublishedBeforeTheyAreFilledAreErrorsAndTheIdiomsAreQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        SettingsScenario.Requests sent = new SettingsScenario.Requests();
        AppProcess app = SettingsScenario.start(jdk, dir, true);
        Findings findings = SettingsScenario.findings(app);
        Http http = Http.to(app);
        try (app) {
            // The lazy registries: the first request to each builds it.
            for (String kind : List.of("unsafe", "holder", "dcl")) {
                for (int i = 0; i < 2; i++) {
                    assertEquals(String.format(REGISTRY_PAGE, kind), get200(app, sent, "/registry?kind=" + kind),
                            why("GET /registry?kind=" + kind, app));
                }
            }
            SettingsScenario.warmUp(app, sent, "/struct-page?app=original", "/struct-page?app=fixed");

            SettingsScenario.FailingRun failing = SettingsScenario.reloadUntilPagesFail(app, findings, PARTIAL_READS,
                    () -> ReloadUnderLoad.run(http, "/struct-page?app=original", READERS));
            sent.add(failing.requestsSent());
            SettingsScenario.assertPagesFailedAndWereSeen(app, findings, failing, "APPLICATION.SETTINGS",
                    PARTIAL_READS, "a " + PARTIAL_INIT_READ + " on a field of " + STRUCT_CURRENT);

            SettingsScenario.assertNoPageFails(app, sent, ReloadUnderLoad.run(http, "/struct-page?app=fixed", READERS),
                    "the fixed bean");
            assertEquals(FULL_PAGE, get200(app, sent, "/struct-page?app=original"), why("complete after the reload",
                    app));
        }
        app.stopGracefully();
        List<JsonNode> events = findings.all();
        SettingsScenario.assertCommonChecks(app, events, sent.count());
        List<JsonNode> latest = SettingsScenario.latest(events);

        // The bean: published, then filled field by field through its setters.
        JsonNode bean = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, STRUCT_CURRENT);
        List<String> setterFills = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            setterFills.add(KEYS.get(i) + " at " + PKG + "Settings.set" + capital(KEYS.get(i)) + "(Settings.java:"
                    + (16 + 8 * i) + ")");
        }
        JsonNode bw = bean.path("writer");
        List<Object> actual = List.of(String.valueOf(text(bean, "severity")), String.valueOf(text(bw, "label")),
                String.valueOf(text(bw, "location")), String.valueOf(text(bean.path("details"), "publishedAt")),
                SettingsScenario.strings(bean.path("details").path("fillsAfterPublication")));
        List<Object> expected = List.of("error", "GET /struct-page", STRUCT_PUBLISH_SITE, STRUCT_PUBLISH_SITE,
                setterFills);
        assertEquals(expected, actual, why("[severity, writer label, writer location, publishedAt,"
                + " fillsAfterPublication]", app, events, bean));
        String message = text(bean, "message");
        assertTrue(message.contains("4 fields (title, foo, bar, baz)")
                && message.contains("Safe at startup, unsafe when called from GET /struct-page"),
                why("the message names the fields and why it is an error", app, events, bean));

        List<JsonNode> partial = SettingsScenario.on(latest, PARTIAL_INIT_READ, STRUCT_CURRENT);
        assertFalse(partial.isEmpty(), why("a " + PARTIAL_INIT_READ + " on a field of " + STRUCT_CURRENT, app,
                events));
        for (JsonNode e : partial) {
            JsonNode details = e.path("details");
            String missing = text(details, "missing");
            assertTrue(KEYS.contains(missing), why("details.missing is a bean field: " + missing, app, events, e));
            int i = KEYS.indexOf(missing);
            JsonNode w = e.path("writer");
            JsonNode r = e.path("reader");
            actual = List.of(String.valueOf(text(e, "severity")), String.valueOf(text(e, "state")),
                    String.valueOf(text(details, "publishedAt")), String.valueOf(text(details, "filledAt")),
                    String.valueOf(text(w, "label")), String.valueOf(text(w, "location")),
                    String.valueOf(text(r, "label")), String.valueOf(text(r, "location")),
                    w.path("requestId").asLong() != r.path("requestId").asLong());
            expected = List.of("error", STRUCT_CURRENT + "." + missing, STRUCT_PUBLISH_SITE,
                    PKG + "Settings.set" + capital(missing) + "(Settings.java:" + (16 + 8 * i) + ")",
                    "GET /struct-page", STRUCT_PUBLISH_SITE, "GET /struct-page",
                    PKG + "Settings.get" + capital(missing) + "(Settings.java:" + (12 + 8 * i) + ")", true);
            assertEquals(expected, actual, why("[severity, state, publishedAt, filledAt, writer label, writer"
                    + " location, reader label, reader location, different requests]", app, events, e));
        }

        // The registry looked up on first use: published, then loaded by the first request.
        JsonNode registry = SettingsScenario.only(app, events, PUBLISH_THEN_POPULATE, LAZY_REGISTRY);
        JsonNode rw = registry.path("writer");
        actual = List.of(String.valueOf(text(registry, "severity")), String.valueOf(text(rw, "label")),
                String.valueOf(text(rw, "location")), String.valueOf(text(registry.path("details"), "publishedAt")),
                SettingsScenario.strings(registry.path("details").path("fillsAfterPublication")), registry.path("count")
                        .asLong());
        expected = List.of("error", "GET /registry", REGISTRY_PUBLISH_SITE, REGISTRY_PUBLISH_SITE,
                List.of("billing at " + PKG + "Registry.load(Registry.java:15)",
                        "search at " + PKG + "Registry.load(Registry.java:16)"), 1L);
        assertEquals(expected, actual, why("[severity, writer label, writer location, publishedAt,"
                + " fillsAfterPublication, count: once, by the first request]", app, events, registry));

        for (String quiet : List.of("FixedStructApplication", "HolderRegistry", "DclRegistry")) {
            List<JsonNode> bad = SettingsScenario.warningsAbout(events, PKG + quiet);
            assertTrue(bad.isEmpty(), why("no warning or error about " + quiet + ":" + Findings.describe(bad), app,
                    events));
        }
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
