package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 on embedded Jetty with platform threads: work a request hands on (servlet async with
 * {@code AsyncContext.start} and {@code dispatch}, a thread it starts, a {@code Timer} task, the common
 * pool) runs as that request, so per-request data read there from a static or a servlet's field after
 * another request overwrote it is an error naming both requests; the fixed twins are quiet.
 */
class ServletAsyncAndThreadsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void workHandedOnByARequestIsThatRequest(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = AsyncJettyScenario.start(jdk, dir, json);
        GatedClient client = new GatedClient(app);
        try (app) {
            AsyncJettyScenario.playHandoffs(client, app);
            AsyncJettyScenario.playThreadLocals(client, app);
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        List<String> expected = new ArrayList<>(AsyncJettyScenario.handoffErrors());
        expected.add(AsyncJettyScenario.POOLED_CARRYOVER);
        expected.add(AsyncJettyScenario.HELLO_LEFT_SET);
        assertEquals(AsyncJettyScenario.sortedWithKeysHidden(expected),
                AsyncJettyScenario.sortedWithKeysHidden(E2e.warningsAndErrors(events)),
                why("one error per handoff bug with Alice's request as the reader, the pool's carry-over, the"
                        + " thread-local left on a request thread; nothing for the fixed twins or Jetty", app, events));
        for (JsonNode e : E2e.latestAtLeastWarning(events)) {
            if (e.path("reader").isObject()) {
                assertEquals(List.of(false), List.of(e.path("reader").path("requestId").asLong()
                        == e.path("writer").path("requestId").asLong()), why("two requests", app, events, e));
            }
        }
        E2e.assertCommonChecks(app, events, client.sent());
    }
}
