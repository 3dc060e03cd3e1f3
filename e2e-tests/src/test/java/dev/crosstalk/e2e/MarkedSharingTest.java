package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static dev.crosstalk.e2e.RemixerBugs.GUARDED;
import static dev.crosstalk.e2e.RemixerBugs.GUARDED_CACHE;
import static dev.crosstalk.e2e.RemixerBugs.LOCKED;
import static dev.crosstalk.e2e.RemixerBugs.LOCKED_CACHE;
import static dev.crosstalk.e2e.RemixerBugs.PLAIN;
import static dev.crosstalk.e2e.RemixerBugs.PLAIN_STORE;
import static dev.crosstalk.e2e.RemixerBugs.SAFE;
import static dev.crosstalk.e2e.RemixerBugs.SAFE_STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sharing the application marks as intentional, without depending on crosstalk: a static cache
 * annotated {@code @javax.annotation.concurrent.GuardedBy("LOCK")} and a static holder of a class
 * annotated {@code @ThreadSafe} (both with class retention, as in jsr305) give no finding of any
 * severity under the seed's request sequence, while their unmarked twins, driven the same way, are
 * errors.
 */
class MarkedSharingTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void markedCacheAndThreadSafeHolderAreQuietWhileTheirTwinsAreErrors(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, RemixerBugs.APP, dir, E2e.jsonOptions(json));
        int requests = 0;
        try (app) {
            for (String prefix : List.of(GUARDED, LOCKED, SAFE, PLAIN)) {
                requests += RemixerBugs.sampleCacheBug(app, prefix);
            }
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, requests);

        List<String> fields = E2e.latest(events).stream().map(e -> E2e.text(e, "type") + " "
                + E2e.text(e, "severity") + " " + E2e.stateField(e)).sorted().collect(Collectors.toList());
        assertEquals(List.of("cross-request-flow error " + LOCKED_CACHE, "cross-request-flow error " + PLAIN_STORE),
                fields, why("an error on each unmarked twin and nothing, not even info, on " + GUARDED_CACHE + " or "
                        + SAFE_STORE, app, events));
        assertEquals(List.of(LOCKED_CACHE, PLAIN_STORE), E2e.textFindingLines(app).stream()
                .filter(l -> !l.contains(" seen ")).map(l -> l.substring(l.indexOf(": ") + 2, l.indexOf('[')))
                .sorted().collect(Collectors.toList()), why("the text has the twins' errors only", app, events));
        assertNull(RemixerBugs.suppressedClause(app, events), why("marked state is not watched at all, so nothing"
                + " is counted as suppressed", app, events));
    }
}
