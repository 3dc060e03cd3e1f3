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
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5 on Spring Boot (embedded Tomcat, jakarta.servlet), under the agent with its default options:
 * each bug's symptom shows, and its fixed twin in the same run has none. Issue 10's shape in a Spring
 * bean: a {@code @Service} singleton's {@code final} list cleared and refilled by every request.
 */
class SpringBootAppTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void controllerFieldAndStaticDateFormatGoWrongAndTheirTwinsDoNot(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = SpringBootScenario.start(jdk, dir, json);
        SymptomDriver driver = new SymptomDriver(app);
        GatedClient gated = new GatedClient(app);
        try (app) {
            assertStartedWithItsLogging(app);

            SymptomDriver.Overlap buggy = SpringBootScenario.searches(driver, false);
            assertEquals("results for bob-books", buggy.fastBody(), why("Bob's own search", app));
            assertEquals("results for bob-books", buggy.slowBody(), why("the bug is real: Alice's page, rendered"
                    + " while Bob searched, shows Bob's query from the controller's lastQuery field", app));
            SymptomDriver.Overlap fixed = SpringBootScenario.searches(driver, true);
            assertEquals(new SymptomDriver.Overlap("results for alice-shoes", "results for bob-books"), fixed,
                    why("the fixed controller shows each their own query under the same overlap", app));

            assertEquals(new GatedClient.Pair("report for bob\nend of report\nend of report",
                    "report for bob\nend of report"), SpringBootScenario.reports(gated, false), why("the bug is real:"
                    + " Bob's request cleared and refilled the service's list under Alice's, whose report shows Bob's"
                    + " lines", app));
            assertEquals(new GatedClient.Pair("report for alice\nend of report", "report for bob\nend of report"),
                    SpringBootScenario.reports(gated, true), why("the fixed service under the same interleaving", app));

            SymptomDriver.LoadRun dates = SpringBootScenario.dateLoadUntilWrong(driver);
            System.out.printf("%s: static SimpleDateFormat: first wrong answer after %d requests in %d ms: %s%n",
                    jdk, dates.requests(), dates.elapsed().toMillis(), dates.examples());
            assertTrue(dates.wrong() > 0, why("the bug is real: concurrent requests to /date get a 500 or another"
                    + " date within " + SpringBootScenario.DATE_LIMIT.toSeconds() + " s; " + dates, app));
            int fixedRequests = Math.max(SpringBootScenario.MIN_FIXED_DATE_REQUESTS, dates.requests());
            SymptomDriver.LoadRun fixedDates = SpringBootScenario.fixedDateLoad(driver, fixedRequests);
            assertEquals(List.of(fixedRequests, 0), List.of(fixedDates.requests(), fixedDates.wrong()),
                    why("[requests, wrong answers] of /fixed/date under the same load: " + fixedDates, app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        String pkg = SpringBootScenario.PKG;
        assertEquals(List.of(
                "error cross-request-flow " + pkg + "QueryController.lastQuery"
                        + " | GET /query @ " + pkg + "QueryController.query(QueryController.java:22)"
                        + " | GET /query @ " + pkg + "QueryController.query(QueryController.java:24)",
                "error unsafe-concurrent-mutation " + pkg + "DateService.FORMAT"
                        + " | GET /date @ " + pkg + "DateService.normalize(DateService.java:16)"
                        + " | GET /date @ " + pkg + "DateService.normalize(DateService.java:16)",
                "error unsafe-concurrent-mutation " + pkg + "ReportService.lines"
                        + " | GET /report @ " + pkg + "ReportService.report(ReportService.java:20)"
                        + " | GET /report @ " + pkg + "ReportService.report(ReportService.java:19)"),
                E2e.warningsAndErrors(events), why("one error per bug, nothing for the fixed twins or Spring", app,
                        events));
        FindingsDocTest.assertDocumented("unsafe-concurrent-mutation", events, app);
        E2e.assertCommonChecks(app, events, driver.sent() + gated.sent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void uncleanedSecurityContextServesTheNextAnonymousRequestAsThePreviousUser(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = SpringBootScenario.start(jdk, dir, json, SpringBootScenario.ONE_WORKER);
        SymptomDriver driver = new SymptomDriver(app);
        try (app) {
            assertStartedWithItsLogging(app);

            // The fixed pages first: the buggy filter's MDC entry, never removed, would show on them.
            SpringBootScenario.Visits fixed = SpringBootScenario.aliceThenAnonymous(driver, true);
            SpringBootScenario.Visits buggy = SpringBootScenario.aliceThenAnonymous(driver, false);
            String thread = fixed.alice().thread();
            assertEquals(List.of(thread, thread, thread), List.of(fixed.anonymous().thread(), buggy.alice().thread(),
                    buggy.anonymous().thread()), why("one Tomcat worker served every request", app));

            assertEquals(new SpringBootScenario.WhoAmI("alice", "alice", thread), fixed.alice(), why("/fixed/whoami"
                    + " as alice", app));
            assertEquals(new SpringBootScenario.WhoAmI("anonymous", "null", thread), fixed.anonymous(),
                    why("the fixed filter leaves the thread clean: the next request is anonymous", app));
            assertEquals(new SpringBootScenario.WhoAmI("alice", "alice", thread), buggy.alice(), why("/whoami as"
                    + " alice", app));
            assertEquals(new SpringBootScenario.WhoAmI("alice", "alice", thread), buggy.anonymous(),
                    why("the bug is real: the anonymous request is served as alice, and logged as her", app));

            // Spring Boot answers a 404 through its error page, which Tomcat dispatches after the request's
            // own filter chain returned: still one request (the summary's count below says so).
            assertEquals(404, driver.get("/no-such-page").status(), why("a page that does not exist", app));

            List<String> fixedLog = SpringBootScenario.whoAmILogLines(app, "/fixed/whoami");
            List<String> buggyLog = SpringBootScenario.whoAmILogLines(app, "/whoami");
            assertEquals(List.of(
                    "APPLOG INFO WhoAmIController [user=alice] - /fixed/whoami served as alice",
                    "APPLOG INFO WhoAmIController [user=] - /fixed/whoami served as anonymous",
                    "APPLOG INFO WhoAmIController [user=alice] - /whoami served as alice",
                    "APPLOG INFO WhoAmIController [user=alice] - /whoami served as alice"),
                    concat(fixedLog, buggyLog), why("the app's log lines, with the MDC user", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        String pkg = SpringBootScenario.PKG;
        assertEquals(List.of(
                "error threadlocal-carryover " + pkg + "SecurityContext.CURRENT"
                        + " | GET /whoami @ " + pkg + "UserContextFilter.doFilter(UserContextFilter.java:20)"
                        + " | GET /whoami @ " + pkg + "WhoAmIController.whoAmI(WhoAmIController.java:20)",
                "error threadlocal-carryover " + E2e.MDC_STATE + "key#…]"
                        + " | GET /whoami @ " + pkg + "UserContextFilter.doFilter(UserContextFilter.java:21)"
                        // the log line (30) reads the MDC before the controller's own MDC.get (31)
                        + " | GET /whoami @ " + pkg + "WhoAmIController.answer(WhoAmIController.java:30)"),
                E2e.warningsAndErrors(events).stream().map(l -> l.replaceFirst("key#[0-9a-f]{4}]", "key#…]")).toList(),
                why("the security context and the MDC entry left by alice's request and read by the anonymous one;"
                        + " the fixed filter that removes them in finally gives nothing", app, events));
        for (JsonNode e : E2e.latestAtLeastWarning(events)) {
            assertEquals(List.of(e.path("writer").path("thread").asText()), List.of(e.path("reader").path("thread")
                    .asText()), "one pooled thread carried it: " + e);
            assertTrue(!e.toString().contains("alice"), "never the value: " + e);
        }
        FindingsDocTest.assertDocumented("threadlocal-carryover", events, app);
        E2e.assertCommonChecks(app, events, driver.sent());
    }

    /** The app announced its port after Spring Boot started, and its own Logback writes its log lines. */
    private static void assertStartedWithItsLogging(AppProcess app) {
        assertTrue(app.stdout().lines().anyMatch(l -> l.startsWith("APPLOG INFO SpringBootApp ")
                        && l.contains("Starting SpringBootApp using Java ")),
                why("Spring Boot's start-up line through the app's Logback pattern on stdout:\n"
                        + E2e.tail(app.stdout(), 4096), app));
        assertTrue(app.stderr().lines().noneMatch(l -> l.contains("Exception") || l.contains("ERROR")),
                why("no exception or error on stderr at start-up", app));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
