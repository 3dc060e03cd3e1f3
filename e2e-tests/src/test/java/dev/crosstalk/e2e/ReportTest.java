package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.ReloadUnderLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report files: written on demand when {@code crosstalk-report.request} appears in the report
 * directory, and at shutdown; they hold exactly the findings the JSON lines announced, with their final
 * counts and a timeline of the requests involved.
 */
class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void reportOnDemandAndAtShutdownHoldsTheFindingsOfTheRun(Jdk jdk, @TempDir Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Path reports = dir.resolve("reports");
        try (AppProcess app = E2e.start(jdk, "settings", dir, E2e.jsonOptions(json, "report=" + reports))) {
            Http http = Http.to(app);
            http.get("/page");
            assertFalse(Files.exists(reports.resolve("crosstalk-report.json")), "no report before one is asked for");
            E2e.get200(app, "/page?init=abracadabra"); // publish-then-populate inside a request: error
            ReloadUnderLoad.slowPageDuringReload(http); // reset-during-use
            new Findings(json).waitFor(e -> !Findings.ofType(e, "reset-during-use").isEmpty(), E2e.WAIT);

            Files.createDirectories(reports);
            Path trigger = Files.createFile(reports.resolve("crosstalk-report.request"));
            JsonNode onDemand = waitForReport(reports, "on-demand", app);
            assertFalse(Files.exists(trigger), "the trigger file is consumed");
            long noteDeadline = System.nanoTime() + E2e.WAIT.toNanos(); // the note follows the files
            while (!app.stderr().contains("crosstalk: report written on demand") && System.nanoTime() < noteDeadline) {
                Thread.sleep(20);
            }
            assertTrue(app.stderr().contains("crosstalk: report written on demand"), E2e.why("a note", app));
            only(onDemand, "reset-during-use");
            long before = only(onDemand, "publish-then-populate").path("count").asLong();

            http.get("/page?init=abracadabra"); // one more occurrence after the on-demand report
            app.stopGracefully();
            JsonNode atExit = JSON.readTree(reports.resolve("crosstalk-report.json").toFile());
            assertEquals("shutdown", atExit.path("report").path("trigger").asText());
            Map<String, Long> lastCounts = new TreeMap<>();
            Findings.latestByFingerprint(Findings.read(json))
                    .forEach((fp, e) -> lastCounts.put(fp, e.path("count").asLong()));
            assertEquals(lastCounts, fingerprints(atExit), "the report at exit has every finding the JSON lines"
                    + " announced, with its final count");
            JsonNode summary = atExit.path("summary");
            assertEquals(lastCounts.size(), summary.path("findings").asInt());
            assertEquals(0, summary.path("agentErrors").asInt(), E2e.why("no agent errors", app));
            assertTrue(summary.path("requests").asInt() >= 4, summary.toString());
            assertEquals(app.pid(), atExit.path("agent").path("pid").asLong());

            JsonNode reset = only(atExit, "reset-during-use");
            List<String> roles = new ArrayList<>();
            reset.path("timeline").forEach(t -> roles.add(t.path("role").asText() + " " + t.path("label").asText()));
            assertEquals(List.of("resets GET /page", "reads GET /page"), roles, reset.toString());
            JsonNode published = only(atExit, "publish-then-populate");
            assertEquals(before + 1, published.path("count").asLong(), "the exit report counts the later occurrence");
            assertEquals("publishes", published.path("timeline").path(0).path("role").asText(), published.toString());
            assertTrue(published.path("timeline").size() >= 2, "publication and fills: " + published);
            // The page the agent wrote, as a person sees it: rendered by headless Chromium.
            org.jsoup.nodes.Document dom = org.jsoup.Jsoup.parse(
                    dev.crosstalk.harness.Chromium.locate().dumpDom(reports.resolve("crosstalk-report.html")));
            for (JsonNode f : atExit.path("findings")) {
                org.jsoup.nodes.Element card = dom.getElementById(f.path("fingerprint").asText());
                assertTrue(card != null, "a card for " + f.path("fingerprint") + " in\n" + dom.body().text());
                assertEquals(f.path("state").asText(), card.selectFirst(".state").text());
                assertEquals("sev-" + f.path("severity").asText(), card.closest("section.severity").id());
            }
            assertTrue(dom.select("#plain").isEmpty(), "the page's script ran and replaced the plain summary");
        }
    }

    private static final String SETTINGS = "dev.crosstalk.testapps.settings.Application.settings";

    /** The one finding of {@code type} on the settings map itself. */
    private static JsonNode only(JsonNode report, String type) {
        List<JsonNode> of = new ArrayList<>();
        List<String> all = new ArrayList<>();
        report.path("findings").forEach(f -> {
            all.add(f.path("type").asText() + " " + f.path("state").asText());
            if (f.path("type").asText().equals(type) && f.path("state").asText().equals(SETTINGS)) {
                of.add(f);
            }
        });
        assertEquals(1, of.size(), "one " + type + " finding on " + SETTINGS + " in " + all);
        return of.get(0);
    }

    private static Map<String, Long> fingerprints(JsonNode report) {
        Map<String, Long> out = new TreeMap<>();
        report.path("findings").forEach(f -> out.put(f.path("fingerprint").asText(), f.path("count").asLong()));
        return out;
    }

    private static JsonNode waitForReport(Path reports, String trigger, AppProcess app) throws Exception {
        Path file = reports.resolve("crosstalk-report.json");
        long deadline = System.nanoTime() + E2e.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                JsonNode report = JSON.readTree(file.toFile());
                if (report.path("report").path("trigger").asText().equals(trigger)) {
                    return report;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + trigger + " report in " + reports + E2e.why("", app).get());
    }
}
