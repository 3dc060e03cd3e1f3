package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static dev.crosstalk.e2e.RemixerBugs.LOCKED;
import static dev.crosstalk.e2e.RemixerBugs.LOCKED_CACHE;
import static dev.crosstalk.e2e.RemixerBugs.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A baseline written by one run ({@code baseline-write=}) silences those findings in the next
 * ({@code baseline=}), which reports nothing for the same bugs and says how many it suppressed, while a
 * bug not in the baseline is still reported; a baseline written from that run holds both.
 */
class BaselineTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void knownFindingsAreSilentAndANewBugIsStillReported(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path baseline = dir.resolve("crosstalk-baseline.txt");

        // 1. The seed, writing its findings as the baseline at exit.
        Run first = run(jdk, dir.resolve("first"), "baseline-write=" + baseline, false);
        Set<String> known = RemixerBugs.fingerprints(first.events);
        assertFalse(known.isEmpty(), why("the seed is reported without a baseline", first.app, first.events));
        Map<String, String> written = entries(baseline);
        assertEquals(known, written.keySet(), why("the baseline holds every finding of the run, whatever its"
                + " severity:\n" + read(baseline), first.app, first.events));
        for (JsonNode e : E2e.latest(first.events)) {
            String fingerprint = E2e.text(e, "fingerprint");
            assertEquals(E2e.text(e, "severity") + " " + E2e.text(e, "type") + " " + E2e.text(e, "state"),
                    written.get(fingerprint), why("the line of " + fingerprint + " says what it is, for review",
                            first.app, first.events, e));
        }
        assertTrue(first.app.stderr().contains("crosstalk: wrote the baseline " + baseline + " (" + known.size()
                + " fingerprints)"), why("stderr says where the baseline went", first.app, first.events));

        // 2. The same bug with the baseline: nothing at all is reported, and the summary says what was left out.
        Run second = run(jdk, dir.resolve("second"), "baseline=" + baseline, false);
        assertEquals(List.of(), second.events, why("no event for findings in the baseline", second.app, second.events));
        assertEquals(List.of(), E2e.textFindingLines(second.app), why("no text finding either", second.app,
                second.events));
        assertSuppressedByBaseline(second, known.size());
        assertTrue(second.app.stderr().contains(known.size() + " known finding(s) in the baseline " + baseline),
                why("the start-up note names the baseline", second.app, second.events));

        // 3. The same bug and a new one, writing the next baseline: only the new bug is reported.
        Path next = dir.resolve("next-baseline.txt");
        Run third = run(jdk, dir.resolve("third"), "baseline=" + baseline + ",baseline-write=" + next, true);
        Set<String> reported = RemixerBugs.fingerprints(third.events);
        Set<String> newBug = RemixerBugs.fingerprintsOf(third.events, LOCKED_CACHE);
        assertFalse(newBug.isEmpty(), why("the locked cache's bug, not in the baseline, is reported", third.app,
                third.events));
        assertEquals(newBug, reported, why("nothing but the new bug is reported", third.app, third.events));
        assertTrue(Findings.atLeast(third.events, "error").stream()
                .anyMatch(e -> LOCKED_CACHE.equals(E2e.stateField(e))), why("the new bug is an error", third.app,
                        third.events));
        assertSuppressedByBaseline(third, known.size());
        Set<String> both = new HashSet<>(known);
        both.addAll(newBug);
        assertEquals(both, entries(next).keySet(), why("the next baseline holds the known findings seen again and"
                + " the new one:\n" + read(next), third.app, third.events));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void unusableBaselineFilesAreOneLineEachAndTheAgentReportsEverything(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path missing = dir.resolve("no-baseline-here.txt");
        Path unwritable = dir.resolve("no-such-dir").resolve("baseline.txt");
        Run run = run(jdk, dir.resolve("app"), "baseline=" + missing + ",baseline-write=" + unwritable, false);

        List<String> lines = run.app.stderr().lines().filter(l -> l.contains("option 'baseline")).collect(Collectors.toList());
        assertEquals(2, lines.size(), why("one line for each file: " + lines, run.app, run.events));
        assertTrue(lines.get(0).startsWith("crosstalk: option 'baseline' accepts ") && lines.get(0).contains(missing
                .toString()) && lines.get(0).endsWith("the agent runs without a baseline and reports every finding"),
                why("the missing baseline: " + lines.get(0), run.app, run.events));
        assertTrue(lines.get(1).startsWith("crosstalk: option 'baseline-write' accepts ")
                && lines.get(1).contains("could not write '" + unwritable + "'"), why("the baseline that could not be"
                        + " written: " + lines.get(1), run.app, run.events));
        assertTrue(Findings.atLeast(run.events, "error").stream()
                .anyMatch(e -> RemixerBugs.SEED_CACHE.equals(E2e.stateField(e))), why("the agent ran and reported"
                        + " the seed", run.app, run.events));
        assertFalse(Files.exists(unwritable), why("no baseline where it could not be written", run.app, run.events));
    }

    private static void assertSuppressedByBaseline(Run run, int known) {
        List<String> clause = RemixerBugs.suppressedClause(run.app, run.events);
        assertEquals(List.of(String.valueOf(known), known + " in the baseline"),
                clause == null ? null : clause.subList(0, 2), why("the summary counts the findings the baseline"
                        + " silenced", run.app, run.events));
        assertTrue(Long.parseLong(clause.get(2)) >= known, why("each was seen at least once", run.app, run.events));
    }

    /** The remixer with {@code options}, playing the seed and, if asked, the locked cache's bug too. */
    private static Run run(Jdk jdk, Path dir, String options, boolean newBug) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, RemixerBugs.APP, dir, E2e.jsonOptions(json, options));
        int requests = 0;
        try (app) {
            requests += RemixerBugs.sampleCacheBug(app, SEED);
            if (newBug) {
                requests += RemixerBugs.sampleCacheBug(app, LOCKED);
            }
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, requests);
        return new Run(app, events);
    }

    /** A baseline file's fingerprints, each with the comment after it. */
    private static Map<String, String> entries(Path baseline) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : read(baseline).lines().collect(Collectors.toList())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int hash = line.indexOf('#');
            out.put((hash < 0 ? line : line.substring(0, hash)).strip(), hash < 0 ? "" : line.substring(hash + 1).strip());
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("no baseline at " + file, e);
        }
    }

    private record Run(AppProcess app, List<JsonNode> events) {
    }
}
