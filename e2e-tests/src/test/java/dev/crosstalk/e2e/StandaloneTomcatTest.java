package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.StandaloneTomcat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A staging server: a real Tomcat 11 distribution (unpacked from Maven Central by the build) started
 * with {@code bin/catalina.sh run}, the agent in {@code CATALINA_OPTS} from {@code setenv.sh}, and the
 * same WAR ({@code test-apps/staging-war}) deployed as {@code app1} and {@code app2}. The webapps'
 * same-named classes are different state, reported apart; one webapp is undeployed and redeployed
 * five times under traffic, and afterwards Tomcat's own leak check finds no loader of it retained.
 */
class StandaloneTomcatTest {
    private static final String PKG = "dev.crosstalk.testapps.staging.";
    private static final String LAST_LOGIN = PKG + "LastLogin.user";
    private static final String PRICES = PKG + "PriceServlet.PRICES";
    private static final int REDEPLOYS = 5;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void oneWarUnderTwoContextPathsIsTwoWebappsAndRedeploysLeaveNoLoaderBehind(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path war = E2e.project().root().resolve("test-apps/staging-war/target/staging-war.war");
        StandaloneTomcat tomcat = StandaloneTomcat.create(tomcatHome(), dir.resolve("base"));
        tomcat.deployWar(war, "app1");
        tomcat.deployWar(war, "app2");
        // The documented form: catalina.sh has set CATALINA_BASE when it sources setenv.sh.
        tomcat.setenv("CATALINA_OPTS=\"$CATALINA_OPTS -javaagent:" + E2e.project().agentJar()
                + "=json=$CATALINA_BASE/logs/crosstalk.jsonl,text=$CATALINA_BASE/logs/crosstalk.log"
                + ",report=$CATALINA_BASE/logs," + E2e.UPDATE_INTERVAL + "\"\n");
        Path logs = tomcat.base().resolve("logs");
        Findings findings = new Findings(logs.resolve("crosstalk.jsonl"));
        Path work = Files.createDirectories(dir.resolve("work"));
        String app1Error;
        try (tomcat) {
            tomcat.start(jdk, "", work);
            Http http = tomcat.http();
            Supplier<String> why = () -> "findings:" + Findings.describe(findings.all()) + "\n--- catalina.out ---\n"
                    + E2e.tail(tomcat.catalinaOutText(), 8 * 1024);

            // One user per webapp: were the webapps one state, app2's banner would read the second of two
            // different values written by two requests, an error. Apart, each is written once: info.
            assertEquals("logged in", get(http, "/app1/login?user=alice"));
            assertEquals("logged in", get(http, "/app2/login?user=bob"));
            assertEquals("Welcome back, alice", get(http, "/app1/banner"));
            assertEquals("Welcome back, bob", get(http, "/app2/banner"));
            List<JsonNode> events = findings.waitFor(e -> flows(e, LAST_LOGIN).size() == 2, E2e.WAIT);
            List<JsonNode> flows = flows(events, LAST_LOGIN);
            assertEquals(List.of("info app1", "info app2"), severityAndWebapp(flows), why);
            assertNotEquals(text(flows.get(0), "fingerprint"), text(flows.get(1), "fingerprint"), why);
            assertEquals(List.of(), Findings.atLeast(events, "warning"), why);

            // The bug, in app1 only: a second user logs in there and the banner shows the last one to all.
            get(http, "/app1/login?user=carol");
            assertEquals("Welcome back, carol", get(http, "/app1/banner"));
            events = findings.waitFor(e -> errors(e).size() == 1, E2e.WAIT);
            assertEquals(List.of("error app1"), severityAndWebapp(errors(events)), why);
            // And in app2: the same state name, another webapp, another fingerprint.
            get(http, "/app2/login?user=dave");
            assertEquals("Welcome back, dave", get(http, "/app2/banner"));
            events = findings.waitFor(e -> errors(e).size() == 2, E2e.WAIT);
            List<JsonNode> errors = errors(events);
            assertEquals(List.of("error app1", "error app2"), severityAndWebapp(errors), why);
            assertEquals(List.of(LAST_LOGIN, LAST_LOGIN), errors.stream().map(e -> text(e, "state"))
                    .collect(Collectors.toList()), why);
            app1Error = text(errors.get(0), "fingerprint");
            assertNotEquals(app1Error, text(errors.get(1), "fingerprint"), why);

            // The cache keyed by less than its value: one more shape of the bug, in app2 only.
            assertEquals("3 EUR", get(http, "/app2/price?item=tea&currency=EUR"));
            assertEquals("3 USD", get(http, "/app2/price?item=tea&currency=USD&refresh=true"));
            assertEquals("3 USD", get(http, "/app2/price?item=tea&currency=EUR"));
            events = findings.waitFor(e -> errors(e).size() == 3, E2e.WAIT);
            JsonNode cache = errors(events).get(2);
            assertTrue(text(cache, "state").startsWith(PRICES + "["), why);
            assertEquals("app2", text(cache, "webapp"), why);

            // Five undeploys and redeploys of app1, with requests to both webapps running all along.
            AtomicBoolean load = new AtomicBoolean(true);
            AtomicInteger app2Failures = new AtomicInteger();
            Thread traffic = new Thread(() -> {
                while (load.get()) {
                    http.get("/app1/title"); // 404 while app1 is away: expected
                    if (http.get("/app2/title").status() != 200) {
                        app2Failures.incrementAndGet();
                    }
                }
            }, "staging-traffic");
            traffic.start();
            try {
                for (int i = 1; i <= REDEPLOYS; i++) {
                    tomcat.undeploy("app1");
                    tomcat.deploy(war, "app1");
                    get(http, "/app1/login?user=first" + i);
                    get(http, "/app1/login?user=second" + i);
                    assertEquals("Welcome back, second" + i, get(http, "/app1/banner"));
                    int deployment = i;
                    // Each deployment's bug counts under the same fingerprint: the state name, the code and the
                    // webapp are the same.
                    events = findings.waitFor(e -> count(e, app1Error) >= 1 + deployment, E2e.WAIT);
                    assertTrue(count(events, app1Error) >= 1 + deployment, why);
                }
            } finally {
                load.set(false);
                traffic.join();
            }
            assertEquals(0, app2Failures.get(), why);
            tomcat.undeploy("app1");
            assertEquals(List.of(), tomcat.findLeaks(), why);
            assertEquals("Welcome back, dave", get(http, "/app2/banner"));
        }
        tomcat.stop();

        List<JsonNode> events = findings.all();
        List<String> warningsAndErrors = E2e.latestAtLeastWarning(events).stream()
                .map(e -> text(e, "severity") + " " + E2e.stateField(e) + " " + text(e, "webapp"))
                .collect(Collectors.toList());
        assertEquals(List.of("error " + LAST_LOGIN + " app1", "error " + LAST_LOGIN + " app2",
                "error " + PRICES + " app2"), warningsAndErrors, "findings:" + Findings.describe(events));
        FindingsDocTest.assertDocumentedWebappExample(E2e.latestAtLeastWarning(events).get(0));
        // The start-up settings and the hit counter stay quiet in every deployment.
        assertTrue(events.stream().noneMatch(e -> text(e, "state").startsWith(PKG + "Settings")
                && !"info".equals(text(e, "severity"))), Findings.describe(events));

        String catalinaOut = tomcat.catalinaOutText();
        for (String line : catalinaOut.split("\n")) {
            // The agent's own lines start with "crosstalk"; Tomcat may name the webapp's classes
            // (dev.crosstalk.testapps...), e.g. when it waits for a servlet still serving at undeploy.
            assertFalse(line.startsWith("crosstalk") || line.contains("dev.crosstalk.agent")
                    || line.contains("dev.crosstalk.shaded") || line.contains("dev.crosstalk.bootstrap"),
                    "agent output in catalina.out, which the options sent to files: " + line);
            assertFalse(line.contains("failed to stop") || line.contains("ThreadLocal") || line.contains("memory leak"),
                    "Tomcat's leak warning in catalina.out: " + line + "\n" + catalinaOut);
        }
        String agentLog = Files.readString(logs.resolve("crosstalk.log"));
        assertTrue(agentLog.contains(" 0 agent errors"), agentLog);
        assertTrue(Files.isRegularFile(logs.resolve("crosstalk-report.json")), "the report goes to CATALINA_BASE/logs");
        try (Stream<Path> stray = Files.list(work)) {
            assertEquals(List.of(), stray.collect(Collectors.toList()), "nothing written in the working directory");
        }
    }

    private static Path tomcatHome() {
        String home = System.getProperty("crosstalk.tomcat11");
        if (home == null) {
            throw new IllegalStateException("-Dcrosstalk.tomcat11 is not set: run through Maven, which unpacks Tomcat");
        }
        return Path.of(home);
    }

    private static String get(Http http, String path) {
        Http.Response r = http.get(path);
        assertEquals(200, r.status(), () -> "GET " + path + " answered " + r.status() + ": " + r.body());
        return r.body();
    }

    private static String text(JsonNode e, String field) {
        return E2e.text(e, field);
    }

    /** The latest event of each cross-request flow whose state is {@code field}, by webapp. */
    private static List<JsonNode> flows(List<JsonNode> events, String field) {
        return latest(events, e -> "cross-request-flow".equals(text(e, "type")) && field.equals(E2e.stateField(e)));
    }

    private static List<JsonNode> errors(List<JsonNode> events) {
        return latest(events, e -> "error".equals(text(e, "severity")));
    }

    private static List<JsonNode> latest(List<JsonNode> events, Predicate<JsonNode> which) {
        return E2e.latest(events).stream().filter(which)
                .sorted(java.util.Comparator.comparing(e -> String.valueOf(text(e, "firstSeen"))))
                .collect(Collectors.toList());
    }

    private static List<String> severityAndWebapp(List<JsonNode> events) {
        return events.stream().map(e -> text(e, "severity") + " " + text(e, "webapp")).sorted()
                .collect(Collectors.toList());
    }

    private static long count(List<JsonNode> events, String fingerprint) {
        List<JsonNode> of = E2e.ofFingerprint(events, fingerprint);
        return of.isEmpty() ? 0 : of.get(of.size() - 1).path("count").asLong();
    }
}
