package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static dev.crosstalk.e2e.RemixerBugs.KITS;
import static dev.crosstalk.e2e.RemixerBugs.LOCKED;
import static dev.crosstalk.e2e.RemixerBugs.LOCKED_CACHE;
import static dev.crosstalk.e2e.RemixerBugs.PLAIN;
import static dev.crosstalk.e2e.RemixerBugs.PLAIN_STORE;
import static dev.crosstalk.e2e.RemixerBugs.SEED;
import static dev.crosstalk.e2e.RemixerBugs.SEED_CACHE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code suppress-type}, {@code suppress-state} and {@code suppress-fingerprint}: the remixer's four
 * bugs are played twice, first without options, then with one option aimed at each of three of them;
 * the three are silent everywhere, the fourth is still reported, and the summary counts one
 * suppressed finding per option.
 */
class SuppressionTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void eachOptionSilencesExactlyTheFindingItNames(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Run plain = play(jdk, dir.resolve("without-options"), "");
        List<JsonNode> seedErrors = Findings.atLeast(E2e.latest(plain.events), "error").stream()
                .filter(e -> SEED_CACHE.equals(E2e.stateField(e))).collect(Collectors.toList());
        assertEquals(1, seedErrors.size(), why("one error on the seed's cache", plain.app, plain.events));
        String seedFingerprint = E2e.text(seedErrors.get(0), "fingerprint");
        Set<String> byType = Findings.ofType(E2e.latest(plain.events), "publish-then-populate").stream()
                .map(e -> E2e.text(e, "fingerprint")).collect(Collectors.toSet());
        Set<String> byState = RemixerBugs.fingerprintsOf(plain.events, LOCKED_CACHE);
        Set<String> control = RemixerBugs.fingerprintsOf(plain.events, PLAIN_STORE);
        for (Set<String> found : List.of(byType, byState, control)) {
            assertFalse(found.isEmpty(), why("without options every bug is reported (kits, locked cache, plain"
                    + " store)", plain.app, plain.events));
        }
        assertNull(RemixerBugs.suppressedClause(plain.app, plain.events),
                why("nothing suppressed, so the summary does not mention it", plain.app, plain.events));

        Run silenced = play(jdk, dir.resolve("with-options"), "suppress-type=publish-then-populate,"
                + "suppress-state=*.LockedRemixer.unmarkedCache,suppress-fingerprint=" + seedFingerprint);

        Set<String> expected = new HashSet<>(RemixerBugs.fingerprints(plain.events));
        expected.remove(seedFingerprint);
        expected.removeAll(byType);
        expected.removeAll(byState);
        assertEquals(expected, RemixerBugs.fingerprints(silenced.events), why("the same findings as without"
                + " options but for the three silenced (fingerprints are stable across restarts)", silenced.app,
                silenced.events));
        assertTrue(RemixerBugs.fingerprints(silenced.events).containsAll(control), why("the plain store's error,"
                + " which no option names, is still reported", silenced.app, silenced.events));

        List<String> text = E2e.textFindingLines(silenced.app);
        for (String state : List.of(SEED_CACHE, LOCKED_CACHE, KITS)) {
            assertTrue(text.stream().noneMatch(l -> l.contains(state)), why("no text about " + state + ": " + text,
                    silenced.app, silenced.events));
        }
        assertTrue(text.stream().anyMatch(l -> l.startsWith("crosstalk ERROR cross-request-flow: " + PLAIN_STORE)),
                why("the text has the plain store's error: " + text, silenced.app, silenced.events));

        int silencedCount = 1 + byType.size() + byState.size();
        List<String> clause = RemixerBugs.suppressedClause(silenced.app, silenced.events);
        assertEquals(List.of(String.valueOf(silencedCount), byType.size() + " by type, " + byState.size()
                + " by state, 1 by fingerprint"), clause == null ? null : clause.subList(0, 2),
                why("the summary counts what each option silenced", silenced.app, silenced.events));
    }

    /** The remixer with {@code options}, the seed, the locked twin, the plain store and a kit reload. */
    private static Run play(Jdk jdk, Path dir, String options) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, RemixerBugs.APP, dir, E2e.jsonOptions(json)
                + (options.isEmpty() ? "" : "," + options));
        int requests = 0;
        try (app) {
            requests += RemixerBugs.sampleCacheBug(app, SEED);
            requests += RemixerBugs.sampleCacheBug(app, LOCKED);
            requests += RemixerBugs.sampleCacheBug(app, PLAIN);
            requests += RemixerBugs.kitReload(app);
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, requests);
        return new Run(app, events);
    }

    private record Run(AppProcess app, List<JsonNode> events) {
    }
}
