package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
        List<String> expected = new ArrayList<>(AsyncJettyScenario.handoffErrors());
        expected.add(AsyncJettyScenario.POOLED_CARRYOVER);
        expected.add(AsyncJettyScenario.HELLO_LEFT_SET);
        List<JsonNode> events = AsyncJettyScenario.playAll(jdk, dir, expected, "one error per handoff bug with"
                + " Alice's request as the reader, the pool's carry-over, the thread-local left on a request thread;"
                + " nothing for the fixed twins or Jetty");
        for (JsonNode e : E2e.latestAtLeastWarning(events)) {
            assertTrue(!e.path("reader").isObject()
                    || e.path("reader").path("requestId").asLong() != e.path("writer").path("requestId").asLong(),
                    "two requests: " + e);
        }
    }
}
