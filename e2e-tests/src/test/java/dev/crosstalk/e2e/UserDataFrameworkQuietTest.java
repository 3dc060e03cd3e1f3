package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Spring Boot app with {@code include=} covering Tomcat's and Spring's own packages, as a user
 * trying the agent on a whole stack would: two users' requests spread over more than two seconds, so
 * that Tomcat's {@code FastHttpDateFormat.currentDate} (refreshed from the clock each second by
 * whichever request comes first) is overwritten by different requests and read by others. No
 * cross-request flow in Tomcat's or Spring's packages is a warning or an error; that date is info.
 */
class UserDataFrameworkQuietTest {

    private static final String INCLUDE = "include=" + SpringBootScenario.PKG.substring(0, SpringBootScenario.PKG.length() - 1)
            + ";org.apache.catalina;org.apache.coyote;org.apache.tomcat;org.springframework";
    private static final List<String> FRAMEWORKS = List.of("org.apache.", "org.springframework.");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void noFrameworkFlowAtWarningOrAboveWhenFrameworksAreIncluded(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Project project = Project.locate();
        AppProcess app = AppProcess.builder().jdk(jdk).jar(project.appJar(SpringBootScenario.APP))
                .agentJar(project.agentJar()).agentOptions("json=" + json + "," + INCLUDE)
                .workDir(dir).startTimeout(SpringBootScenario.START_TIMEOUT).start();
        try (app) {
            UserClient alice = new UserClient(app.uri("/")).basic("alice", "a");
            UserClient bob = new UserClient(app.uri("/")).basic("bob", "b");
            int i = 0;
            // Warm-up: the first requests load and instrument most of Spring, and take seconds each.
            while (i < 4) {
                assertEquals("results for q" + i, alice.get("/fixed/query?q=q" + i++), why("warm-up", app));
            }
            long end = System.currentTimeMillis() + 3_500;
            while (System.currentTimeMillis() < end || i < 16) {
                UserClient user = i % 2 == 0 ? alice : bob;
                assertEquals("results for q" + i, user.get("/fixed/query?q=q" + i++), why("fixed query", app));
                Thread.sleep(200);
            }
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        List<JsonNode> frameworkFlows = E2e.latest(events).stream()
                .filter(e -> "cross-request-flow".equals(text(e, "type")))
                .filter(e -> FRAMEWORKS.stream().anyMatch(p -> String.valueOf(text(e, "state")).startsWith(p)))
                .collect(Collectors.toList());
        assertFalse(frameworkFlows.isEmpty(), why("the included framework state was watched", app, events));
        List<JsonNode> loud = Findings.atLeast(frameworkFlows, "warning");
        assertTrue(loud.isEmpty(), why("no cross-request-flow at warning or above in Tomcat or Spring:"
                + Findings.describe(loud), app, events));
        String date = "org.apache.tomcat.util.http.FastHttpDateFormat.currentDate";
        assertTrue(frameworkFlows.stream().anyMatch(e -> date.equals(text(e, "state"))),
                why(date + ", refreshed by different requests over more than two seconds, is reported (at info)",
                        app, events));
    }
}
