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

/**
 * The async-jetty app's stories: per-request data in a static or a servlet's field, read after the
 * request handed its work on (servlet async, its dispatch, a thread it starts, a Timer task, the common
 * pool), each next to its fixed twin; and thread-locals left set on request threads and on a platform pool.
 */
final class AsyncJettyScenario {
    static final String APP = "async-jetty";
    static final String PKG = "dev.crosstalk.testapps.asyncjetty.";

    /** One way of handing work on: its page, the parameter naming the customer or user, and the answer's words. */
    record Handoff(String path, String param, String answer, String state, String write, String read) {
    }

    static final List<Handoff> HANDOFFS = List.of(
            new Handoff("/async/export", "customer", "export for ", "Export.current",
                    "ExportServlet.doGet(ExportServlet.java:29)", "ExportServlet.lambda$doGet$0(ExportServlet.java:33)"),
            new Handoff("/async/statement", "customer", "statement for ", "StatementServlet.lastCustomer",
                    "StatementServlet.doGet(StatementServlet.java:37)", "StatementServlet.render(StatementServlet.java:48)"),
            new Handoff("/thread/report", "customer", "report for ", "LatestReport.LATEST[key#…]",
                    "ReportServlet.doGet(ReportServlet.java:28)", "ReportServlet.lambda$doGet$0(ReportServlet.java:35)"),
            new Handoff("/timer/remind", "user", "reminder for ", "Reminders.lastUser",
                    "ReminderServlet.doGet(ReminderServlet.java:33)", "ReminderServlet$1.run(ReminderServlet.java:40)"),
            new Handoff("/cf/quote", "user", "quote for ", "QuoteServlet.currentUser",
                    "QuoteServlet.doGet(QuoteServlet.java:31)", "QuoteServlet.lambda$doGet$0(QuoteServlet.java:35)"));

    /** The carry-over on the platform pool beside the server's threads, whatever threads the server has. */
    static final String POOLED_CARRYOVER = "error threadlocal-carryover " + PKG + "UserContext.POOLED"
            + " | GET /tl/greeting @ " + PKG + "GreetingServlet.greet(GreetingServlet.java:39)"
            + " | GET /tl/greeting @ " + PKG + "GreetingServlet.greet(GreetingServlet.java:41)";

    /** The thread-local the buggy hello page leaves set on its (pooled) request thread. */
    static final String HELLO_LEFT_SET = "warning threadlocal-carryover " + PKG + "UserContext.CURRENT"
            + " | GET /tl/hello @ " + PKG + "HelloServlet.doGet(HelloServlet.java:23) | -";

    private AsyncJettyScenario() {
    }

    static AppProcess start(Jdk jdk, Path dir, Path json, String... appArgs) {
        return AppProcess.builder()
                .jdk(jdk)
                .jar(E2e.project().appJar(APP))
                .agentJar(E2e.project().agentJar())
                .agentOptions(E2e.jsonOptions(json))
                .appArgs(appArgs)
                .workDir(dir)
                .start();
    }

    /**
     * Every handoff, bug then fixed twin: Alice's request hands its work on and waits at a gate, Bob's runs
     * start to end, Alice's goes on. The bug answers Alice with Bob's data; the twin answers each their own.
     */
    static void playHandoffs(GatedClient client, AppProcess app) {
        for (Handoff h : HANDOFFS) {
            GatedClient.Pair bug = client.get(h.path(), h.param());
            assertEquals(new GatedClient.Pair(h.answer() + "bob", h.answer() + "bob"), bug,
                    why("the bug is real: after its handoff, Alice's " + h.path() + " reads Bob's data", app));
            GatedClient.Pair fixed = client.get("/fixed" + h.path(), h.param());
            assertEquals(new GatedClient.Pair(h.answer() + "alice", h.answer() + "bob"), fixed,
                    why("the fixed " + h.path() + " answers each their own under the same interleaving", app));
        }
    }

    /** The error each handoff's bug is, in {@link E2e#warningsAndErrors} form (keys shown as {@code key#…}). */
    static List<String> handoffErrors() {
        List<String> out = new ArrayList<>();
        for (Handoff h : HANDOFFS) {
            out.add("error cross-request-flow " + PKG + h.state() + " | GET " + h.path() + " @ " + PKG + h.write()
                    + " | GET " + h.path() + " @ " + PKG + h.read());
        }
        return out;
    }

    /**
     * The hello pages (the bug leaves the user set on the request thread, the twin removes it) and the
     * greetings made on the platform pool: Alice's, then an anonymous one. The bug greets the anonymous
     * request as Alice; the twin as a guest.
     */
    static void playThreadLocals(GatedClient client, AppProcess app) {
        assertEquals("hello alice", client.get200("/tl/hello?user=alice"), why("/tl/hello", app));
        assertEquals("hello alice", client.get200("/fixed/tl/hello?user=alice"), why("/fixed/tl/hello", app));
        assertEquals(List.of("greetings, alice", "greetings, alice"), List.of(client.get200("/tl/greeting?user=alice"),
                client.get200("/tl/greeting")), why("the bug is real: the pool's thread greets the anonymous"
                + " request as Alice", app));
        assertEquals(List.of("greetings, alice", "greetings, guest"), List.of(
                client.get200("/fixed/tl/greeting?user=alice"), client.get200("/fixed/tl/greeting")),
                why("the fixed greeting leaves the pool's thread clean", app));
    }

    /**
     * Starts the app with {@code appArgs}, plays every story, stops it, and asserts that the warnings and
     * errors are exactly {@code expected} ({@code why} says what they are) and the checks of every run.
     */
    static List<JsonNode> playAll(Jdk jdk, Path dir, List<String> expected, String why, String... appArgs)
            throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = start(jdk, dir, json, appArgs);
        GatedClient client = new GatedClient(app);
        try (app) {
            playHandoffs(client, app);
            playThreadLocals(client, app);
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        assertEquals(sortedWithKeysHidden(expected), sortedWithKeysHidden(E2e.warningsAndErrors(events)),
                E2e.why(why, app, events));
        E2e.assertCommonChecks(app, events, client.sent());
        return events;
    }

    private static List<String> sortedWithKeysHidden(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("key#[0-9a-f]{4}]", "key#…]")).sorted().toList();
    }
}
