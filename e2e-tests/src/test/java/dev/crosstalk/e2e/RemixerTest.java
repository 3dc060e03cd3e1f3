package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 1, the incompletely keyed sample cache, on Jetty 12 (jakarta.servlet). */
class RemixerTest {

    private static final String APP = "remixer";
    private static final String PKG = "dev.crosstalk.testapps.remixer.";
    private static final String CACHE = PKG + "PatternRemixer.sampleCache";
    private static final String WRITE_SITE = PKG + "PatternRemixer.remix(PatternRemixer.java:20)";
    private static final String READ_SITE = PKG + "PatternRemixer.remix(PatternRemixer.java:22)";
    private static final String TEXT_BLOCK_START = "crosstalk ERROR cross-request-flow: " + CACHE + "[";
    private static final String APPLOG_LINE_START = "APPLOG INFO RequestLogFilter - ";
    private static final int MORE_ROUNDS = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void incompletelyKeyedCacheIsAnErrorInJsonAndText(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Findings findings = new Findings(json);
        List<JsonNode> events;
        String fingerprint;
        AppProcess app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json));
        try (app) {
            String first = get200(app, "/remix?song=0");
            post200(app, "/reset");
            get200(app, "/remix?song=1");
            String last = get200(app, "/remix?song=0");
            assertTrue(first.startsWith("Night Drive:") && last.startsWith("Night Drive:"),
                    why("both remixes are of song 0: '" + first + "' / '" + last + "'", app));
            assertNotEquals(first, last, why("the bug is real: song 0 remixed after song 1 must come out with"
                    + " song 1's renderings", app));

            events = findings.waitFor(ev -> !seedErrors(ev).isEmpty(), E2e.WAIT);
            List<JsonNode> errors = seedErrors(events);
            assertEquals(1, errors.size(), why("one 'new' error for " + CACHE + " while the app runs", app, events));
            fingerprint = text(errors.get(0), "fingerprint");

            // Everything the seed sequence counted happened before its responses arrived; what is seen
            // after this instant comes from the requests below.
            Instant before = Instant.now();
            for (int i = 0; i < MORE_ROUNDS; i++) {
                get200(app, "/remix?song=1");
                get200(app, "/remix?song=0");
            }
            String fp = fingerprint;
            events = findings.waitFor(ev -> laterUpdateCountsMore(ev, fp, before), E2e.WAIT);
            assertTrue(laterUpdateCountsMore(events, fp, before), why("an 'update' event for " + fp + " seen after "
                    + before + " with a higher count than before it; events of that fingerprint:\n"
                    + E2e.ofFingerprint(events, fp).stream().map(JsonNode::toString).collect(Collectors.joining("\n")),
                    app, events));
        }
        app.stopGracefully();
        events = findings.all();
        E2e.assertCommonChecks(app, events, 4 + 2 * MORE_ROUNDS);

        List<JsonNode> bad = E2e.latestAtLeastWarning(events);
        assertEquals(1, bad.size(), why("exactly one finding at warning or above", app, events));
        JsonNode error = bad.get(0);
        assertEquals(fingerprint, text(error, "fingerprint"), why("the error is the one seen first", app, events, error));
        assertSeedError(app, events, error);

        // The readable text on stderr (default text=stderr) has the block, with the same evidence.
        List<String> lines = app.stderr().lines().collect(Collectors.toList());
        int start = -1;
        for (int i = 0; i < lines.size() - 1 && start < 0; i++) {
            if (lines.get(i).startsWith(TEXT_BLOCK_START) && lines.get(i + 1).startsWith("  ")) {
                start = i; // a block, not the one-line count update that starts the same way
            }
        }
        assertTrue(start >= 0, why("stderr has a text block starting '" + TEXT_BLOCK_START + "'", app, events));
        List<String> block = lines.subList(start + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  "))
                .collect(Collectors.toList());
        String blockText = lines.get(start) + "\n" + String.join("\n", block);
        for (String expected : List.of("  Incompletely keyed cache", "  writer: GET /remix (request ",
                "    at " + WRITE_SITE, "  reader: GET /remix (request ", "    at " + READ_SITE,
                "  fingerprint " + fingerprint + ", seen ")) {
            assertTrue(block.stream().anyMatch(l -> l.startsWith(expected)), why("the text block has a line"
                    + " starting '" + expected + "':\n" + blockText, app, events));
        }
        assertTrue(E2e.textFindingLines(app).stream().allMatch(l -> l.startsWith(TEXT_BLOCK_START)),
                why("no other warning or error in the text output: " + E2e.textFindingLines(app), app, events));

        // The application's own Logback configuration (logback.xml in its jar) still applies under the agent.
        List<String> appLog = app.stdout().lines().filter(l -> l.startsWith(APPLOG_LINE_START))
                .collect(Collectors.toList());
        assertEquals(4 + 2 * MORE_ROUNDS, appLog.size(), why("one '" + APPLOG_LINE_START + "' line per request on"
                + " the app's stdout:\n" + E2e.tail(app.stdout(), 4096), app, events));
        assertTrue(appLog.stream().anyMatch(l -> l.startsWith(APPLOG_LINE_START + "POST /reset 200 ")),
                why("the access log names the reset: " + appLog, app, events));
        assertTrue(app.stdout().lines().noneMatch(l -> l.startsWith("crosstalk")),
                why("the agent's text goes to stderr, not the app's stdout:\n" + E2e.tail(app.stdout(), 4096),
                        app, events));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void fullyKeyedCacheAndTempoLabelsStayBelowWarning(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json));
        int tempoCalls = 4;
        try (app) {
            String first = get200(app, "/fixed/remix?song=0");
            post200(app, "/fixed/reset");
            String other = get200(app, "/fixed/remix?song=1");
            String last = get200(app, "/fixed/remix?song=0");
            assertTrue(first.startsWith("Night Drive:") && other.startsWith("Sunrise:"),
                    why("the fixed remixer serves the songs asked for: '" + first + "' / '" + other + "'", app));
            assertEquals(first, last, why("the fixed remixer gives song 0 the same rendering every time", app));
            String tempo = get200(app, "/tempo?song=0");
            for (int i = 1; i < tempoCalls; i++) {
                assertEquals(tempo, get200(app, "/tempo?song=0"), why("the tempo card is stable", app));
            }
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, 4 + tempoCalls);
        List<JsonNode> bad = Findings.atLeast(events, "warning");
        assertTrue(bad.isEmpty(), why("no warning or error for a fully keyed cache or a write-once label cache:"
                + Findings.describe(bad), app, events));
        assertTrue(E2e.textFindingLines(app).isEmpty(), why("no warning or error in the text output: "
                + E2e.textFindingLines(app), app, events));
    }

    /** The 'new' error events about the sample cache. */
    private static List<JsonNode> seedErrors(List<JsonNode> events) {
        return Findings.atLeast(events, "error").stream()
                .filter(e -> "new".equals(text(e, "event")) && CACHE.equals(E2e.stateField(e)))
                .collect(Collectors.toList());
    }

    /**
     * An update of {@code fingerprint} last seen after {@code before} counts more than every event of it
     * last seen before then: the later requests were counted into the same finding.
     */
    private static boolean laterUpdateCountsMore(List<JsonNode> events, String fingerprint, Instant before) {
        List<JsonNode> mine = E2e.ofFingerprint(events, fingerprint);
        long countBefore = mine.stream().filter(e -> !lastSeen(e).isAfter(before))
                .mapToLong(e -> e.path("count").asLong()).max().orElse(0);
        return countBefore > 0 && mine.stream().anyMatch(e -> "update".equals(text(e, "event"))
                && lastSeen(e).isAfter(before) && e.path("count").asLong() > countBefore);
    }

    private static Instant lastSeen(JsonNode event) {
        return Instant.parse(event.path("lastSeen").asText());
    }

    private static void assertSeedError(AppProcess app, List<JsonNode> events, JsonNode e) {
        JsonNode w = e.path("writer");
        JsonNode r = e.path("reader");
        List<Object> actual = List.of(text(e, "type"), text(e, "severity"), E2e.stateField(e),
                String.valueOf(text(e, "state").startsWith(CACHE + "[key#")),
                String.valueOf(text(e, "message").startsWith("Incompletely keyed cache")),
                String.valueOf(text(w, "label")), String.valueOf(text(w, "location")),
                String.valueOf(text(r, "label")), String.valueOf(text(r, "location")));
        List<Object> expected = List.of("cross-request-flow", "error", CACHE, "true", "true",
                "GET /remix", WRITE_SITE, "GET /remix", READ_SITE);
        assertEquals(expected, actual, why("[type, severity, state field, keyed state, message says why, writer"
                + " label, writer location, reader label, reader location]", app, events, e));
        long writerId = w.path("requestId").asLong(0);
        long readerId = r.path("requestId").asLong(0);
        assertTrue(writerId > 0 && writerId < readerId, why("writer request id " + writerId + " before reader's "
                + readerId + ": different requests", app, events, e));
    }
}
