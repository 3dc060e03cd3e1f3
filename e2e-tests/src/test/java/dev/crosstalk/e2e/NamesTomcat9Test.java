package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5's classic mutable servlet field on embedded Tomcat 9 (javax.servlet), under the agent with
 * its default options: two users see each other's names, and the fixed twin in the same run does not.
 */
class NamesTomcat9Test {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void servletFieldShowsOneUserAnothersNameAndTheFixedServletDoesNot(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, NamesScenario.APP, dir, "json=" + json);
        SymptomDriver driver = new SymptomDriver(app);
        try (app) {
            SymptomDriver.Overlap buggy = NamesScenario.greetings(driver, false);
            assertEquals("Hello bob", buggy.fastBody(), why("Bob's own greeting", app));
            assertEquals("Hello bob", buggy.slowBody(), why("the bug is real: Alice's page, rendered while Bob's"
                    + " was served, greets Bob from the servlet's name field", app));
            SymptomDriver.Overlap fixed = NamesScenario.greetings(driver, true);
            assertEquals(new SymptomDriver.Overlap("Hello alice", "Hello bob"), fixed,
                    why("the fixed servlet greets each by their own name under the same overlap", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        String servlet = NamesScenario.PKG + "NameServlet";
        assertEquals(List.of("error cross-request-flow " + servlet + ".name"
                        + " | GET /hello @ " + servlet + ".doGet(NameServlet.java:16)"
                        + " | GET /hello @ " + servlet + ".doGet(NameServlet.java:18)"),
                E2e.warningsAndErrors(events), why("the servlet field is one error; the fixed servlet gives nothing", app,
                        events));
        JsonNode error = E2e.latestAtLeastWarning(events).get(0);
        assertTrue(error.path("message").asText().startsWith("Per-request data in shared state"), error.toString());
        E2e.assertCommonChecks(app, events, driver.sent());
    }
}
