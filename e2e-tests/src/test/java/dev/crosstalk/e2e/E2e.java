package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.Jdks;
import dev.crosstalk.harness.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the end-to-end tests share: starting an app under the agent, assertion messages that carry the
 * findings and the app's stderr, and the checks every agent run must pass.
 */
final class E2e {

    /** Packages whose state is the server's, a framework's, a library's or the JDK's: never a finding. */
    static final List<String> FOREIGN_STATE_PREFIXES = List.of("org.eclipse.jetty", "org.apache", "jakarta.",
            "javax.", "ch.qos.logback", "org.slf4j", "com.sun", "java.", "sun.", "io.netty.", "reactor.",
            "org.springframework.", "io.grpc.");

    /** How the application's session attributes are named: {@code jakarta.servlet.http.HttpSession.settings}. */
    static final List<String> SESSION_STATE_PREFIXES = List.of("jakarta.servlet.http.HttpSession.",
            "javax.servlet.http.HttpSession.");

    /** How the state of an application's MDC entry is named: {@code org.slf4j.MDC[key#1a2b]}. */
    static final String MDC_STATE = "org.slf4j.MDC[";

    /** How the state of an entry of Log4j 2's MDC is named: {@code org.apache.logging.log4j.ThreadContext[key#1a2b]}. */
    static final String THREAD_CONTEXT_STATE = "org.apache.logging.log4j.ThreadContext[";

    /** How long to wait for the agent to write an expected event while the app runs. */
    static final Duration WAIT = Duration.ofSeconds(20);

    /** Short, so count updates reach the JSON file quickly. */
    static final String UPDATE_INTERVAL = "update-interval=200ms";

    private static final Pattern FINGERPRINT = Pattern.compile("ct1-[0-9a-f]{16}");
    private static final Pattern SUMMARY = Pattern.compile("crosstalk: (\\d+) findings \\((\\d+) error, (\\d+) warning,"
            + " (\\d+) info\\) over (\\d+) requests; .*; (\\d+) agent errors");
    private static final int STDERR_TAIL = 8 * 1024;

    private E2e() {
    }

    /** The JDKs every app test runs on; the @MethodSource of all parameterized tests. */
    static List<Jdk> jdks() {
        return Jdks.all();
    }

    static Project project() {
        return Project.locate();
    }

    /** Starts test app {@code appName} on {@code jdk} in {@code dir} with the agent and {@code agentOptions}. */
    static AppProcess start(Jdk jdk, String appName, Path dir, String agentOptions, String... jvmArgs) {
        Project project = project();
        return AppProcess.builder()
                .jdk(jdk)
                .jar(project.appJar(appName))
                .agentJar(project.agentJar())
                .agentOptions(agentOptions)
                .jvmArgs(jvmArgs)
                .workDir(dir)
                .start();
    }

    /** Agent options writing all JSON events to {@code json}, with quick updates, plus {@code more}. */
    static String jsonOptions(Path json, String... more) {
        List<String> options = new ArrayList<>();
        options.add("json=" + json);
        options.add(UPDATE_INTERVAL);
        options.addAll(List.of(more));
        return String.join(",", options);
    }

    // ---- assertion messages ----

    /** The findings file every app test in this package asks the agent for, in the app's work dir. */
    static final String FINDINGS_FILE = "findings.jsonl";

    /** An assertion message: {@code what}, the findings described, and the tail of the app's stderr. */
    static Supplier<String> why(String what, AppProcess app, Collection<JsonNode> events) {
        return () -> what
                + "\nfindings (" + events.size() + " events):" + Findings.describe(events)
                + "\napp: " + app.command().get(0) + " (pid " + app.pid() + ", work dir " + app.workDir() + ")"
                + "\n--- app stderr (tail) ---\n" + tail(app.stderr(), STDERR_TAIL);
    }

    /** {@link #why} with the findings the app's JSON file holds when the message is made. */
    static Supplier<String> why(String what, AppProcess app) {
        return () -> why(what, app, Findings.read(app.workDir().resolve(FINDINGS_FILE))).get();
    }

    /** {@link #why} with the full JSON of {@code detail} added, for assertions about one event's fields. */
    static Supplier<String> why(String what, AppProcess app, Collection<JsonNode> events, JsonNode detail) {
        Supplier<String> base = why(what, app, events);
        return () -> base.get() + "\n--- the event ---\n" + detail.toPrettyString();
    }

    static String tail(String text, int chars) {
        return text.length() <= chars ? text : "[...]" + text.substring(text.length() - chars);
    }

    // ---- HTTP ----

    /** GET that must answer 200; returns the body. */
    static String get200(AppProcess app, String pathAndQuery) {
        return expect200(app, "GET", pathAndQuery, Http.to(app).get(pathAndQuery));
    }

    /** POST that must answer 200; returns the body. */
    static String post200(AppProcess app, String pathAndQuery) {
        return expect200(app, "POST", pathAndQuery, Http.to(app).post(pathAndQuery));
    }

    private static String expect200(AppProcess app, String method, String path, Http.Response response) {
        assertEquals(200, response.status(), why(method + " " + path + " answered " + response.status() + ": "
                + response.body(), app));
        return response.body();
    }

    // ---- findings ----

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The state name up to its first '[': the field, for keyed container states. */
    static String stateField(JsonNode event) {
        String state = text(event, "state");
        if (state == null) {
            return null;
        }
        int bracket = state.indexOf('[');
        return bracket < 0 ? state : state.substring(0, bracket);
    }

    /** The last event per fingerprint, in order of first appearance. */
    static List<JsonNode> latest(List<JsonNode> events) {
        return new ArrayList<>(Findings.latestByFingerprint(events).values());
    }

    /** The latest event of each fingerprint that is at warning or above. */
    static List<JsonNode> latestAtLeastWarning(List<JsonNode> events) {
        return Findings.atLeast(latest(events), "warning");
    }

    static List<JsonNode> ofFingerprint(List<JsonNode> events, String fingerprint) {
        return events.stream().filter(e -> fingerprint.equals(text(e, "fingerprint"))).collect(Collectors.toList());
    }

    // ---- checks for every run with the agent on ----

    /**
     * The checks that hold for every agent run, made after {@link AppProcess#stopGracefully()}: every
     * event is well formed and from this app, each fingerprint was reported new exactly once and first,
     * no state belongs to the JDK or a server or library, and the summary line agrees with the JSON
     * file, saw {@code requests} requests and reports no agent errors.
     */
    static void assertCommonChecks(AppProcess app, List<JsonNode> events, int requests) {
        assertWellFormed(app, events);
        assertOneNewEventPerFingerprint(app, events);
        assertNoForeignState(app, events);
        assertSummary(app, events, requests);
        assertNoJvmWarningFromTheAgent(app, events);
    }

    /**
     * The JVM says nothing because of the agent: the hooks reach the boot loader without a jar appended
     * to the bootstrap search path, which would make every JVM print that class data sharing was cut back.
     */
    static void assertNoJvmWarningFromTheAgent(AppProcess app, List<JsonNode> events) {
        String appended = "bootstrap classpath has been appended";
        assertTrue(!app.stdout().contains(appended) && !app.stderr().contains(appended),
                why("the JVM printed '" + appended + "': the agent appended a jar to the boot class path", app, events));
    }

    static void assertWellFormed(AppProcess app, List<JsonNode> events) {
        for (JsonNode e : events) {
            Supplier<String> msg = why("malformed finding event", app, events, e);
            String kind = text(e, "event");
            assertTrue("new".equals(kind) || "update".equals(kind), msg);
            for (String field : List.of("type", "severity", "state", "fingerprint", "message")) {
                assertNotNull(text(e, field), msg);
            }
            assertTrue(Findings.SEVERITIES.contains(text(e, "severity")), msg);
            assertTrue(FINGERPRINT.matcher(text(e, "fingerprint")).matches(), msg);
            assertTrue(e.path("count").asLong(0) >= 1, msg);
            // No reader: a publication (reported whether or not anyone read it), a thread-local left set at a
            // request's end and not read yet.
            boolean readerless = "publish-then-populate".equals(text(e, "type"))
                    || "warning".equals(text(e, "severity")) && "threadlocal-carryover".equals(text(e, "type"));
            assertTrue(e.path("writer").isObject() && (readerless ? e.path("reader").isNull()
                    : e.path("reader").isObject()), msg);
            assertEquals(app.pid(), e.path("agent").path("pid").asLong(-1), msg);
        }
    }

    /**
     * The latest event of each finding at warning or above, one line each, sorted:
     * {@code severity type state | writer label @ location | reader label @ location} (the reader part
     * is {@code -} when there is none).
     */
    static List<String> warningsAndErrors(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : latestAtLeastWarning(events)) {
            out.add(text(e, "severity") + " " + text(e, "type") + " " + text(e, "state") + " | " + side(e.path("writer"))
                    + " | " + side(e.path("reader")));
        }
        java.util.Collections.sort(out);
        return out;
    }

    private static String side(JsonNode evidence) {
        return evidence.isObject() ? text(evidence, "label") + " @ " + text(evidence, "location") : "-";
    }

    /** Each distinct finding is reported once when first seen, then only as updates. */
    static void assertOneNewEventPerFingerprint(AppProcess app, List<JsonNode> events) {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        for (JsonNode e : events) {
            kinds.computeIfAbsent(text(e, "fingerprint"), k -> new ArrayList<>()).add(text(e, "event"));
        }
        kinds.forEach((fingerprint, list) -> {
            assertEquals("new", list.get(0), why("fingerprint " + fingerprint + " was first reported as '"
                    + list.get(0) + "', not 'new': " + list, app, events));
            assertEquals(1, list.stream().filter("new"::equals).count(), why("fingerprint " + fingerprint
                    + " was reported 'new' more than once: " + list, app, events));
        });
    }

    /** The servers', frameworks', libraries' and the JDK's own state is never a finding. */
    static void assertNoForeignState(AppProcess app, List<JsonNode> events) {
        List<JsonNode> foreign = events.stream()
                .filter(e -> FOREIGN_STATE_PREFIXES.stream().anyMatch(p -> text(e, "state").startsWith(p)))
                // the application's own MDC entries and session attributes are its state, named after the API
                .filter(e -> !(text(e, "type").equals("threadlocal-carryover") && (text(e, "state").startsWith(MDC_STATE)
                        || text(e, "state").startsWith(THREAD_CONTEXT_STATE))))
                .filter(e -> !SESSION_STATE_PREFIXES.stream().anyMatch(p -> text(e, "state").startsWith(p)))
                .collect(Collectors.toList());
        assertTrue(foreign.isEmpty(), why("findings about state of a server, framework, library or the JDK:"
                + Findings.describe(foreign), app, events));
    }

    /** The agent's summary line at shutdown, parsed. */
    record Summary(String line, long findings, long errors, long warnings, long infos, long requests,
            long agentErrors) {
    }

    /** The one summary line on the app's stderr (the default text output); fails when there is none or more. */
    static Summary summary(AppProcess app, List<JsonNode> events) {
        List<String> lines = app.stderr().lines().filter(l -> l.startsWith("crosstalk: ") && l.contains(" findings ("))
                .collect(Collectors.toList());
        assertEquals(1, lines.size(), why("expected exactly one summary line 'crosstalk: N findings (...) ...' on"
                + " stderr, found " + lines, app, events));
        Matcher m = SUMMARY.matcher(lines.get(0));
        if (!m.matches()) {
            fail(why("summary line does not have the documented form: " + lines.get(0), app, events));
        }
        return new Summary(lines.get(0), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                Long.parseLong(m.group(6)));
    }

    /** The summary says 0 agent errors, counted {@code requests} requests and the findings the JSON file has. */
    static void assertSummary(AppProcess app, List<JsonNode> events, int requests) {
        Summary s = summary(app, events);
        assertEquals(0, s.agentErrors(), why("agent errors in: " + s.line(), app, events));
        assertEquals(requests, s.requests(), why("the summary counts " + s.requests() + " requests, the test sent "
                + requests + " (a forward or an executor task is part of its request, not a new one): " + s.line(),
                app, events));
        List<JsonNode> latest = latest(events);
        long errors = count(latest, "error");
        long warnings = count(latest, "warning");
        long infos = count(latest, "info");
        assertEquals(List.of((long) latest.size(), errors, warnings, infos),
                List.of(s.findings(), s.errors(), s.warnings(), s.infos()),
                why("the summary's [findings, error, warning, info] differ from the JSON file's distinct"
                        + " fingerprints: " + s.line(), app, events));
    }

    private static long count(List<JsonNode> latest, String severity) {
        return latest.stream().filter(e -> severity.equals(text(e, "severity"))).count();
    }

    /** The lines of the app's stderr that are findings at warning or above in the text output. */
    static List<String> textFindingLines(AppProcess app) {
        return app.stderr().lines().filter(l -> l.startsWith("crosstalk ERROR ") || l.startsWith("crosstalk WARNING "))
                .collect(Collectors.toList());
    }
}
