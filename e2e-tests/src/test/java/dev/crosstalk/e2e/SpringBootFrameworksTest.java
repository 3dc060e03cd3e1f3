package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code nobody here wrote: the Spring Boot app with {@code include=} over Spring's, Tomcat's and
 * Jackson's packages, as a new user would try it. Their concurrent caches (entries that are concurrent
 * maps filled by {@code computeIfAbsent}, retrievers with volatile fields) and Tomcat's connection
 * table (a socket wrapper stored under the socket just accepted, then registered with the poller) are
 * no warning or error; the application's own fixed pages are served meanwhile. The app is given
 * command-line arguments, as deployments do: Spring parses them on {@code main} into a
 * {@code CommandLineArgs} (a list stored for an option, then its values added) that no other thread
 * reaches while it is built, so no warning either.
 */
class SpringBootFrameworksTest {
    /** Spring's, Tomcat's (the embedded server: Catalina, Coyote, its utilities) and Jackson's packages. */
    private static final List<String> FRAMEWORKS = List.of("org.springframework", "org.apache.catalina",
            "org.apache.coyote", "org.apache.tomcat", "com.fasterxml.jackson", "tools.jackson");
    /** Everything of Spring instrumented starts slowly, more so on a shared machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(600);
    private static final Duration FIRST_REQUESTS_TIMEOUT = Duration.ofSeconds(120);
    /** Options with values (one given twice), and a plain argument: each shape Spring's parser builds. */
    private static final List<String> ARGS = List.of("--crosstalk.demo.region=eu", "--crosstalk.demo.tag=a",
            "--crosstalk.demo.tag=b", "--crosstalk.demo.verbose", "report");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void frameworksIncludedGiveNoWarningOrErrorInTheirOwnPackages(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Project project = Project.locate();
        AppProcess app = AppProcess.builder()
                .jdk(jdk)
                .jar(project.appJar(SpringBootScenario.APP))
                .agentJar(project.agentJar())
                .agentOptions("json=" + json + ",include=" + String.join(";", FRAMEWORKS) + ";"
                        + SpringBootScenario.PKG.substring(0, SpringBootScenario.PKG.length() - 1))
                .appArgs(ARGS.toArray(new String[0]))
                .workDir(dir)
                .startTimeout(START_TIMEOUT)
                .start();
        try (app) {
            // The first requests load and instrument Tomcat's and Spring MVC's request path: give them time.
            Http http = new Http(app.uri("/"), FIRST_REQUESTS_TIMEOUT);
            for (int i = 0; i < 3; i++) {
                for (String page : List.of("/fixed/whoami?user=alice", "/fixed/query?q=shoes&renderMs=0")) {
                    Http.Response r = http.get(page);
                    assertEquals(200, r.status(), why("GET " + page + " answered " + r.body(), app));
                }
            }
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        List<JsonNode> framework = E2e.latestAtLeastWarning(events).stream()
                .filter(e -> FRAMEWORKS.stream().anyMatch(p -> text(e, "state").startsWith(p)))
                .collect(Collectors.toList());
        assertEquals(List.of(), framework.stream().map(Findings::describe).toList(),
                why("no warning or error on the frameworks' own state", app, events));
        assertEquals(0, E2e.summary(app, events).agentErrors(), why("no agent errors", app, events));
    }
}
