package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A filter puts the user into the MDC and never removes it; the application never reads the MDC, its
 * logging framework does, when it writes the next request's line: that line names the previous user.
 * On Logback (SLF4J's MDC) and on Log4j 2 (its ThreadContext), on Tomcat with one worker thread so that
 * consecutive requests certainly share it. The twins remove the entry in {@code finally}.
 */
class MdcLogTest {
    private static final String PKG = "dev.crosstalk.testapps.mdc.";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void aLineLoggedByTheNextRequestWithTheUserLeftInTheMdcIsACarryOverError(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, "mdc-tomcat9", dir, E2e.jsonOptions(json, "show-keys=true"));
        try (app) {
            for (String path : List.of("/logback/hello?user=alice", "/logback/hello", "/log4j/hello?user=bob",
                    "/log4j/hello")) {
                E2e.get200(app, path);
            }
        }
        app.stopGracefully();
        assertEquals(List.of("LOGBACK user=alice - hello from /logback/hello",
                "LOGBACK user=alice - hello from /logback/hello (anonymous)",
                "LOG4J user=bob - hello from /log4j/hello", "LOG4J user=bob - hello from /log4j/hello (anonymous)"),
                appLines(app), why("the anonymous requests' lines name the previous user: the symptom", app));
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, 4);
        assertEquals(List.of(
                "error threadlocal-carryover org.apache.logging.log4j.ThreadContext[user] | GET /log4j/hello @ " + PKG
                        + "Log4jUserFilter.put(Log4jUserFilter.java:13) | GET /log4j/hello @ " + PKG
                        + "HelloServlet.doGet(HelloServlet.java:20)",
                "error threadlocal-carryover org.slf4j.MDC[user] | GET /logback/hello @ " + PKG
                        + "Slf4jUserFilter.put(Slf4jUserFilter.java:13) | GET /logback/hello @ " + PKG
                        + "HelloServlet.doGet(HelloServlet.java:18)"),
                E2e.warningsAndErrors(events), why("the logging calls of the anonymous requests are the readers", app,
                        events));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void theUserRemovedInFinallyIsQuiet(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, "mdc-tomcat9", dir, E2e.jsonOptions(json, "show-keys=true"));
        try (app) {
            for (String path : List.of("/logback-fixed/hello?user=carol", "/logback-fixed/hello",
                    "/log4j-fixed/hello?user=dave", "/log4j-fixed/hello")) {
                E2e.get200(app, path);
            }
        }
        app.stopGracefully();
        assertEquals(List.of("LOGBACK user=carol - hello from /logback-fixed/hello",
                "LOGBACK user= - hello from /logback-fixed/hello (anonymous)",
                "LOG4J user=dave - hello from /log4j-fixed/hello", "LOG4J user= - hello from /log4j-fixed/hello (anonymous)"),
                appLines(app), why("each line names its own request's user", app));
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, 4);
        assertEquals(List.of(), E2e.warningsAndErrors(events), why("no warning or error", app, events));
    }

    private static List<String> appLines(AppProcess app) {
        return Arrays.stream(app.stdout().split("\n")).map(String::strip)
                .filter(l -> l.startsWith("LOGBACK ") || l.startsWith("LOG4J ")).collect(Collectors.toList());
    }
}
