package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 on servers that run every request on its own virtual thread (JDK 21+; of the test JDKs, 25
 * only, hence the method source): flows through statics and singletons are still errors, a thread-local
 * left set at the end of a request is not a carry-over (the thread is never reused), and a carry-over on a
 * platform pool in the same JVM still is.
 */
class VirtualThreadsTest {

    /** The test JDKs that have virtual threads. */
    static List<Jdk> jdksWithVirtualThreads() {
        Pattern version = Pattern.compile("jdk(\\d+)");
        List<Jdk> out = new ArrayList<>();
        for (Jdk jdk : E2e.jdks()) {
            Matcher m = version.matcher(jdk.name());
            if (m.matches() && Integer.parseInt(m.group(1)) >= 21) {
                out.add(jdk);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdksWithVirtualThreads")
    void jettyOnVirtualThreadsJdk25Only(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        List<String> expected = new ArrayList<>(AsyncJettyScenario.handoffErrors());
        expected.add(AsyncJettyScenario.POOLED_CARRYOVER);
        List<JsonNode> events = AsyncJettyScenario.playAll(jdk, dir, expected, "the handoff bugs and the platform"
                + " pool's carry-over as on platform threads; the thread-local /tl/hello leaves on its virtual thread"
                + " is nothing", "--virtual");
        for (JsonNode e : E2e.latestAtLeastWarning(events)) {
            if (e.path("type").asText().equals("cross-request-flow")) {
                assertTrue(e.path("writer").path("thread").asText().matches("virtual-\\d+"),
                        "a request's own virtual thread, named by its id: " + e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdksWithVirtualThreads")
    void springBootWithVirtualThreadsJdk25Only(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = SpringBootScenario.start(jdk, dir, json, "--spring.threads.virtual.enabled=true");
        SymptomDriver driver = new SymptomDriver(app);
        try (app) {
            SymptomDriver.Overlap buggy = SpringBootScenario.searches(driver, false);
            assertEquals(new SymptomDriver.Overlap("results for bob-books", "results for bob-books"), buggy,
                    why("the bug is real on virtual threads: Alice's page shows Bob's query", app));
            SymptomDriver.Overlap fixed = SpringBootScenario.searches(driver, true);
            assertEquals(new SymptomDriver.Overlap("results for alice-shoes", "results for bob-books"), fixed,
                    why("the fixed controller shows each their own query", app));
            SpringBootScenario.Visits visits = SpringBootScenario.aliceThenAnonymous(driver, false);
            assertEquals(List.of("alice", "anonymous"), List.of(visits.alice().user(), visits.anonymous().user()),
                    why("the security context the buggy filter leaves set dies with Alice's virtual thread", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        String pkg = SpringBootScenario.PKG;
        assertEquals(List.of(
                "error cross-request-flow " + pkg + "QueryController.lastQuery"
                        + " | GET /query @ " + pkg + "QueryController.query(QueryController.java:22)"
                        + " | GET /query @ " + pkg + "QueryController.query(QueryController.java:24)"),
                E2e.warningsAndErrors(events), why("the controller field's error; no carry-over warning for the"
                        + " security context or MDC entry left on a virtual thread", app, events));
        E2e.assertCommonChecks(app, events, driver.sent());
    }
}
