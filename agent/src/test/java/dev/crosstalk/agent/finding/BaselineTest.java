package dev.crosstalk.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading baseline files, and writing one from a run's findings so that the next run reads it back. */
class BaselineTest {
    private static final String A = "ct1-00000000000000aa";
    private static final String B = "ct1-00000000000000bb";
    private static final String C = "ct1-00000000000000cc";

    @TempDir
    Path dir;

    @Test
    void commentsAndBlankLinesAreIgnoredAndALineMayNameTheSeverityItIsKnownAt() throws Exception {
        Map<String, Severity> known = Baseline.parse(List.of("# a baseline", "", "  " + A + "  ",
                B + " # warning publish-then-populate com.acme.X.y", C + "   #info", "   # " + "ct1-00000000000000dd"));
        assertEquals(Map.of(A, Severity.ERROR, B, Severity.WARNING, C, Severity.INFO), known);
    }

    @Test
    void aCommentThatDoesNotStartWithASeverityMeansAnySeverity() throws Exception {
        assertEquals(Map.of(A, Severity.ERROR), Baseline.parse(List.of(A + " # infra team says fine")));
    }

    @Test
    void aFingerprintListedTwiceIsKnownAtTheHigherSeverity() throws Exception {
        assertEquals(Map.of(A, Severity.WARNING), Baseline.parse(List.of(A + " # info", A + " # warning", A + " # info")));
    }

    @Test
    void aLineThatIsNotAFingerprintIsRejectedWithItsNumber() {
        Baseline.Invalid e = assertThrows(Baseline.Invalid.class,
                () -> Baseline.parse(List.of("# ok", A, "ct1-XYZ # shouted")));
        assertEquals("line 3 is not a fingerprint: 'ct1-XYZ # shouted'", e.getMessage());
        assertThrows(Baseline.Invalid.class, () -> Baseline.parse(List.of(A + " " + B)));
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Baseline.read(dir.resolve("missing.txt")));
    }

    @Test
    void writtenBaselineHasEveryFindingSeenSortedWithSeverityTypeAndStateAndReadsBack() throws Exception {
        FindingRegistry registry = new FindingRegistry(100);
        Finding flow = record(registry, FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, "com.acme.R.cache[key#6b34]");
        Finding counter = record(registry, FindingType.CROSS_REQUEST_FLOW, Severity.INFO, "com.acme.Stats.hits");
        Finding fill = record(registry, FindingType.PUBLISH_THEN_POPULATE, Severity.WARNING, "com.acme.App.settings");
        Path file = dir.resolve("baseline.txt");

        assertEquals(3, Baseline.write(file, registry, "crosstalk test"));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> entries = lines.stream().filter(l -> !l.startsWith("#")).collect(Collectors.toList());
        List<String> expected = List.of(
                flow.fingerprint() + " # error cross-request-flow com.acme.R.cache[key#6b34]",
                counter.fingerprint() + " # info cross-request-flow com.acme.Stats.hits",
                fill.fingerprint() + " # warning publish-then-populate com.acme.App.settings").stream().sorted()
                .collect(Collectors.toList());
        assertEquals(expected, entries);
        assertTrue(lines.get(0).startsWith("# crosstalk baseline, written by crosstalk test at "), lines.get(0));
        assertEquals(Map.of(flow.fingerprint(), Severity.ERROR, counter.fingerprint(), Severity.INFO,
                fill.fingerprint(), Severity.WARNING), Baseline.read(file));
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }

    @Test
    void newBaselineKeepsBaselineFindingsSeenAgainAndLeavesOutThoseSilencedOnlyByAnOption() throws Exception {
        Finding known = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.INFO, "com.acme.Known.cache");
        Finding knownAndTyped = TestFindings.of(FindingType.RESET_DURING_USE, Severity.ERROR, "com.acme.Both.cache");
        Finding typed = TestFindings.of(FindingType.RESET_DURING_USE, Severity.ERROR, "com.acme.Typed.cache");
        Finding fresh = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, "com.acme.New.cache");
        String gone = "ct1-0123456789abcdef";
        Suppression suppression = new Suppression(List.of(), List.of("reset-during-use"), List.of(),
                Map.of(known.fingerprint(), Severity.WARNING, knownAndTyped.fingerprint(), Severity.ERROR,
                        gone, Severity.ERROR));
        FindingRegistry registry = new FindingRegistry(100, suppression);
        for (Finding f : List.of(known, knownAndTyped, typed, fresh)) {
            registry.record(f.fingerprint(), () -> f);
        }
        assertEquals(List.of(fresh), registry.all(), "only the new finding is reported");

        Path file = dir.resolve("next.txt");
        assertEquals(3, Baseline.write(file, registry, "crosstalk test"));

        // known stays known at the warning its old line accepted, though it was only seen as info here
        assertEquals(Map.of(known.fingerprint(), Severity.WARNING, knownAndTyped.fingerprint(), Severity.ERROR,
                fresh.fingerprint(), Severity.ERROR), Baseline.read(file));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(lines.contains(known.fingerprint() + " # warning cross-request-flow com.acme.Known.cache"),
                String.join("\n", lines));
        assertTrue(lines.contains("# " + gone), "the old entry not seen is a comment:\n" + String.join("\n", lines));
    }

    @Test
    void writingOverTheBaselineThatWasReadReplacesIt() throws Exception {
        Path file = dir.resolve("baseline.txt");
        Files.writeString(file, A + "\n");
        Suppression suppression = new Suppression(List.of(), List.of(), List.of(), Baseline.read(file));
        FindingRegistry registry = new FindingRegistry(100, suppression);
        Finding f = record(registry, FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, "com.acme.X.y");
        Baseline.write(file, registry, "crosstalk test");
        Map<String, Severity> read = Baseline.read(file);
        assertEquals(Map.of(f.fingerprint(), Severity.ERROR), read);
        assertNotNull(Files.readAllLines(file).stream().filter(l -> l.equals("# " + A)).findFirst().orElse(null));
    }

    private static Finding record(FindingRegistry registry, FindingType type, Severity severity, String state) {
        Finding f = TestFindings.of(type, severity, state);
        return registry.record(f.fingerprint(), () -> f);
    }
}
