package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A flood of distinct state: 100,000 keys in a static map and thousands of classes generated per
 * request, each with its own static field, pushed through the user info service with small caps. The
 * app keeps answering correctly, the agent keeps at most what its caps allow, says what it dropped
 * (in the summary line and the report), with counts derived from what was sent, and its heap stays
 * bounded.
 */
class FloodTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PKG = "dev.crosstalk.testapps.userinfo.jdkhttp.";

    private static final int MAX_KEYS = 1000;
    private static final int MAX_FIELDS = 1000;
    private static final int MAX_FINDINGS = 100;
    /** Info findings leave the last tenth of the registry to warnings and errors. */
    private static final int INFO_LIMIT = MAX_FINDINGS - MAX_FINDINGS / 10;

    private static final int KEYS = 100_000;
    private static final int KEYS_PER_REQUEST = 50_000;
    /** The first batch of generated classes, kept and read again by a later request. */
    private static final int KEPT_CLASSES = 600;
    private static final int MORE_CLASSES = 1000;
    private static final int MORE_BATCHES = 3;

    /** Generous: what the agent keeps after the flood is bounded by its caps, a few MB at these settings. */
    private static final long MAX_HEAP_GROWTH = 64L << 20;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void floodOfDistinctKeysAndGeneratedClassesKeepsTheAgentBoundedAndSaysWhatItDropped(Jdk jdk, @TempDir Path dir)
            throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        String options = E2e.jsonOptions(json, "max-keys=" + MAX_KEYS, "max-fields=" + MAX_FIELDS,
                "max-findings=" + MAX_FINDINGS);
        try (AppProcess app = E2e.start(jdk, "userinfo-jdkhttp", dir, options, "-Xmx512m")) {
            int requests = 0;
            // Warm up: every class the flood endpoints use is loaded before the baseline.
            assertEquals("written=0 found=0 by=", E2e.get200(app, "/flood/keys?from=0&count=0&who=warm"));
            assertEquals("defined=1 answered=1", E2e.get200(app, "/flood/classes?n=1&who=warm"));
            assertEquals("reread=0 same=0", E2e.get200(app, "/flood/classes?reread=true"));
            E2e.get200(app, "/flood/heap");
            long heapBefore = heap(app);
            requests += 5;
            JsonNode baseline = onDemandReport(app);
            long classesBefore = baseline.path("summary").path("classesInstrumented").asLong(-1);
            long fieldsBefore = baseline.path("summary").path("fields").asLong(-1);
            assertEquals(0, baseline.path("summary").path("classesNotInstrumented").asLong(-1), baseline.toString());
            assertTrue(fieldsBefore > 0 && fieldsBefore + KEPT_CLASSES < MAX_FIELDS,
                    "precondition: the kept batch fits under max-fields, the rest does not: " + baseline);

            // 100,000 keys: written by a, overwritten by b, then read by a third request.
            long expectedKeyAccesses = 0;
            for (String who : new String[] {"a", "b", null}) {
                for (int from = 0; from < KEYS; from += KEYS_PER_REQUEST) {
                    String body = E2e.get200(app, "/flood/keys?from=" + from + "&count=" + KEYS_PER_REQUEST
                            + (who == null ? "" : "&who=" + who));
                    requests++;
                    assertEquals("written=" + (who == null ? 0 : KEYS_PER_REQUEST) + " found=" + KEYS_PER_REQUEST
                            + " by=" + (who == null ? "b" : who) + ":" + KEYS_PER_REQUEST, body,
                            "the map holds what the last writer put, with and without the agent");
                    // The first MAX_KEYS keys written get a state each; every put and get of the others
                    // uses the map's shared state and is counted.
                    long untracked = KEYS_PER_REQUEST - Math.max(0, Math.min(MAX_KEYS - from, KEYS_PER_REQUEST));
                    expectedKeyAccesses += untracked * (who == null ? 1 : 2);
                }
            }

            // Generated classes: one field each; those past max-fields stay uninstrumented.
            assertEquals("defined=" + KEPT_CLASSES + " answered=" + KEPT_CLASSES,
                    E2e.get200(app, "/flood/classes?n=" + KEPT_CLASSES + "&who=a&keep=true"));
            requests++;
            for (int i = 0; i < MORE_BATCHES; i++) {
                assertEquals("defined=" + MORE_CLASSES + " answered=" + MORE_CLASSES,
                        E2e.get200(app, "/flood/classes?n=" + MORE_CLASSES + "&who=b" + i));
                requests++;
            }
            long generated = KEPT_CLASSES + (long) MORE_CLASSES * MORE_BATCHES;
            // Another request reads every kept class's static field: a flow (info) per class, more than fit.
            assertEquals("reread=" + KEPT_CLASSES + " same=" + KEPT_CLASSES,
                    E2e.get200(app, "/flood/classes?reread=true"));
            requests++;

            long heapAfter = heapAfterRelease(app);
            requests++;
            app.stopGracefully();
            List<JsonNode> events = Findings.read(json);
            E2e.assertCommonChecks(app, events, requests);

            long instrumentedGenerated = MAX_FIELDS - fieldsBefore;
            long expectedNotInstrumented = generated - instrumentedGenerated;
            JsonNode report = JSON.readTree(dir.resolve("crosstalk-report.json").toFile());
            JsonNode summary = report.path("summary");
            String line = E2e.summary(app, events).line();
            System.out.printf("%s: heap after full GC before the flood %,d bytes, after it (app state released)"
                    + " %,d bytes, growth %,d bytes%n  %s%n  report summary %s%n", jdk, heapBefore, heapAfter,
                    heapAfter - heapBefore, line, summary);

            assertEquals("shutdown", report.path("report").path("trigger").asText());
            assertEquals(MAX_FIELDS, summary.path("fields").asLong(), E2e.why("fields fill up to max-fields", app));
            assertEquals(classesBefore + instrumentedGenerated, summary.path("classesInstrumented").asLong(),
                    E2e.why("generated classes are instrumented while their field fits", app));
            assertEquals(expectedNotInstrumented, summary.path("classesNotInstrumented").asLong(),
                    E2e.why("every generated class past max-fields is counted", app));
            assertEquals(expectedKeyAccesses, summary.path("droppedKeyAccesses").asLong(),
                    E2e.why("every access to a key past max-keys is counted", app));
            assertEquals(0, summary.path("containersNotTracked").asLong(-1));
            assertEquals(0, summary.path("agentErrors").asLong(-1), E2e.why("no agent errors", app));

            // Findings: the flows of the kept classes fill the registry up to the info limit; the rest
            // are counted as dropped; the error on the keys (written by a and b, read by the third) is kept.
            List<JsonNode> latest = E2e.latest(events);
            long generatedFindings = latest.stream()
                    .filter(e -> E2e.text(e, "state").startsWith(PKG + "gen.Gen")).count();
            assertTrue(generatedFindings > 0, E2e.why("flows of the generated classes are findings", app, events));
            assertEquals(INFO_LIMIT, latest.size(), E2e.why("info findings fill the registry up to " + INFO_LIMIT
                    + " of max-findings=" + MAX_FINDINGS, app, events));
            assertEquals(latest.size(), summary.path("findings").asLong());
            assertEquals(KEPT_CLASSES - generatedFindings, summary.path("dropped").asLong(),
                    E2e.why("each kept class read again is a new finding, kept or counted as dropped", app, events));
            List<String> keyErrors = latest.stream()
                    .filter(e -> "error".equals(E2e.text(e, "severity"))
                            && E2e.stateField(e).equals(PKG + "FloodKeysHandler.VALUES"))
                    .map(e -> E2e.text(e, "type") + " " + E2e.text(e, "state")).collect(Collectors.toList());
            assertTrue(keyErrors.stream().anyMatch(s -> s.startsWith("cross-request-flow " + PKG
                    + "FloodKeysHandler.VALUES[key#")), E2e.why("the keys' error is not crowded out: " + keyErrors,
                            app, events));

            assertTrue(line.contains("; dropped (caps reached): " + expectedNotInstrumented
                    + " classes left uninstrumented (max-fields), " + expectedKeyAccesses + " key accesses past max-keys"
                    + " (tracked per container, not per key), " + (KEPT_CLASSES - generatedFindings)
                    + " occurrences of findings not kept (max-findings); 0 agent errors"), line);

            assertTrue(heapAfter - heapBefore < MAX_HEAP_GROWTH, "heap grew by " + (heapAfter - heapBefore)
                    + " bytes over the flood (before " + heapBefore + ", after " + heapAfter + ")");
        }
    }

    /** The heap in use after full collections, as the app measures it. */
    private static long heap(AppProcess app) {
        return used(E2e.get200(app, "/flood/heap"));
    }

    /** {@link #heap} after the app forgot its keys and classes: what remains of the flood is the agent's. */
    private static long heapAfterRelease(AppProcess app) {
        return used(E2e.get200(app, "/flood/heap?release=true"));
    }

    private static long used(String body) {
        assertTrue(body.startsWith("used="), body);
        return Long.parseLong(body.substring("used=".length()));
    }

    /** Asks for a report by creating the trigger file in the app's directory and waits for it. */
    private static JsonNode onDemandReport(AppProcess app) throws Exception {
        Path file = app.workDir().resolve("crosstalk-report.json");
        Files.createFile(app.workDir().resolve("crosstalk-report.request"));
        long deadline = System.nanoTime() + E2e.WAIT.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                JsonNode report = JSON.readTree(file.toFile());
                if (report.path("report").path("trigger").asText().equals("on-demand")) {
                    return report;
                }
                seen.add(report.path("report").path("trigger").asText());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no on-demand report (saw " + seen + ")" + E2e.why("", app).get());
    }
}
