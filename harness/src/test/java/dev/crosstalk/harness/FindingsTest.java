package dev.crosstalk.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsTest {

    @TempDir
    Path dir;

    private static final String A_OPEN = "{\"fingerprint\":\"a\",\"type\":\"race\",\"severity\":\"warning\",\"state\":\"open\","
            + "\"writer\":{\"label\":\"GET /x\"},\"reader\":{\"label\":\"GET /y\"}}";
    private static final String B_INFO = "{\"fingerprint\":\"b\",\"type\":\"stats\",\"severity\":\"info\",\"state\":\"open\"}";
    private static final String A_CONFIRMED = "{\"fingerprint\":\"a\",\"type\":\"race\",\"severity\":\"error\",\"state\":\"confirmed\"}";
    private static final String NO_FINGERPRINT = "{\"type\":\"startup\",\"severity\":\"info\"}";

    @Test
    void latestByFingerprintKeepsTheLastEventOfEach() throws Exception {
        Findings findings = write(A_OPEN, B_INFO, A_CONFIRMED, NO_FINGERPRINT);

        Map<String, JsonNode> latest = findings.latestByFingerprint();

        assertEquals(List.of("a", "b"), List.copyOf(latest.keySet()));
        assertEquals("confirmed", latest.get("a").path("state").asText());
        assertEquals("info", latest.get("b").path("severity").asText());
    }

    @Test
    void atLeastOrdersInfoBelowWarningBelowError() throws Exception {
        Findings findings = write(A_OPEN, B_INFO, A_CONFIRMED, "{\"severity\":\"bogus\"}");

        assertEquals(List.of("warning", "info", "error"), severities(findings.atLeast("info")));
        assertEquals(List.of("warning", "error"), severities(findings.atLeast("warning")));
        assertEquals(List.of("error"), severities(findings.atLeast("ERROR")));
        assertThrows(IllegalArgumentException.class, () -> findings.atLeast("fatal"));
    }

    @Test
    void ignoresAPartialTrailingLineButReadsAFinishedOne() throws Exception {
        Path file = dir.resolve("findings.jsonl");
        Files.writeString(file, A_OPEN + "\n" + B_INFO + "\n" + A_CONFIRMED.substring(0, 30));
        assertEquals(2, new Findings(file).all().size());

        Files.writeString(file, A_CONFIRMED.substring(30), StandardOpenOption.APPEND);
        assertEquals(3, new Findings(file).all().size(), "complete but unterminated last line");
    }

    @Test
    void aMalformedCompleteLineIsAnError() throws Exception {
        Findings findings = write(A_OPEN, "{\"type\":", B_INFO);
        IllegalStateException e = assertThrows(IllegalStateException.class, findings::all);
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aMissingFileHasNoFindings() {
        assertEquals(List.of(), new Findings(dir.resolve("absent.jsonl")).all());
    }

    @Test
    void ofTypeFilters() throws Exception {
        Findings findings = write(A_OPEN, B_INFO, A_CONFIRMED);
        assertEquals(List.of("open", "confirmed"),
                findings.ofType("race").stream().map(e -> e.path("state").asText()).collect(Collectors.toList()));
    }

    @Test
    void waitForSeesEventsAppendedLater() throws Exception {
        Findings findings = write(B_INFO);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(findings.file(), A_OPEN + "\n", StandardOpenOption.APPEND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        List<JsonNode> events = findings.waitFor(e -> Findings.ofType(e, "race").size() == 1, Duration.ofSeconds(10));
        writer.join();

        assertEquals(2, events.size());
    }

    @Test
    void waitForAnswersTheLastReadOnTimeout() throws Exception {
        Findings findings = write(B_INFO);
        long start = System.nanoTime();

        List<JsonNode> events = findings.waitFor(e -> e.size() > 5, Duration.ofMillis(350));

        assertEquals(1, events.size());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(350).toNanos());
    }

    @Test
    void describeIsOneLine() throws Exception {
        List<JsonNode> events = write(A_OPEN, NO_FINGERPRINT).all();
        assertEquals("race warning open: GET /x -> GET /y", Findings.describe(events.get(0)));
        assertEquals("startup info ?: ? -> ?", Findings.describe(events.get(1)));
    }

    private Findings write(String... lines) throws Exception {
        Path file = dir.resolve("findings.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new Findings(file);
    }

    private static List<String> severities(List<JsonNode> events) {
        return events.stream().map(e -> e.path("severity").asText()).collect(Collectors.toList());
    }
}
