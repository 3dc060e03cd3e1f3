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
import dev.crosstalk.harness.ReloadUnderLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the settings story's tests share (seed 2: the ColdFusion APPLICATION/SESSION scope reloaded
 * with {@code ?init=abracadabra} while pages read it): starting the settings app under the agent,
 * the state names and code sites the findings must name, a cookie-keeping client for the session
 * pages, reload-under-load runs repeated until pages really fail, and the checks every run passes.
 */
final class SettingsScenario {

    static final String APP = "settings";
    static final String PKG = "dev.crosstalk.testapps.settings.";

    static final String APPLICATION_SETTINGS = PKG + "Application.settings";
    static final String STRUCT_CURRENT = PKG + "StructApplication.current";
    static final String SESSION_SETTINGS = "jakarta.servlet.http.HttpSession.settings";
    static final String LAZY_REGISTRY = PKG + "LazyRegistry.registry";

    static final String APPLICATION_PUBLISH_SITE = PKG + "Application.onApplicationStart(Application.java:17)";
    static final String PAGE_READ_SITE = PKG + "PageServlet.setting(PageServlet.java:48)";
    static final String STRUCT_PUBLISH_SITE = PKG + "StructApplication.onApplicationStart(StructApplication.java:14)";
    static final String SESSION_PUBLISH_SITE = PKG + "SessionSettings.load(SessionSettings.java:17)";
    static final String REGISTRY_PUBLISH_SITE = PKG + "LazyRegistry.get(LazyRegistry.java:13)";

    /** The settings keys (and bean fields), in the order onApplicationStart fills them. */
    static final List<String> KEYS = List.of("title", "foo", "bar", "baz");

    /** A settings page as it looks with all settings in place. */
    static final String FULL_PAGE = "title=My application foo=42 bar=60 baz=false";

    static final String PUBLISH_THEN_POPULATE = "publish-then-populate";
    static final String PARTIAL_INIT_READ = "partial-init-read";
    static final String RESET_DURING_USE = "reset-during-use";

    static final String FINDINGS_FILE = "findings.jsonl";
    static final Duration WAIT = Duration.ofSeconds(20);

    /** Readers per reload-under-load run, as in the seed's load test. */
    static final int READERS = 8;
    /** The session pages' readers: one user's tabs and frames. */
    static final int SESSION_READERS = 6;
    /**
     * Reload-under-load runs tried until pages fail. The reload's window is 4 x 25 ms wide and the
     * readers loop without pause, so the first run practically always catches it; the retries only
     * absorb a machine too busy to schedule the readers inside the window.
     */
    static final int MAX_ATTEMPTS = 5;

    private static final int STDERR_TAIL = 8 * 1024;
    private static final long TAIL_MILLIS = 100;

    private SettingsScenario() {
    }

    /** The JDKs every test runs on. */
    static List<Jdk> jdks() {
        return Jdks.all();
    }

    // ---- the app ----

    /** Starts the settings app under the agent, JSON findings in {@code dir}, keys shown or hashed. */
    static AppProcess start(Jdk jdk, Path dir, boolean showKeys) {
        Project project = Project.locate();
        List<String> options = new ArrayList<>();
        options.add("json=" + dir.resolve(FINDINGS_FILE));
        if (showKeys) {
            options.add("show-keys=true");
        }
        options.add("update-interval=200ms");
        return AppProcess.builder()
                .jdk(jdk)
                .jar(project.appJar(APP))
                .agentJar(project.agentJar())
                .agentOptions(String.join(",", options))
                .workDir(dir)
                .start();
    }

    static Findings findings(AppProcess app) {
        return new Findings(app.workDir().resolve(FINDINGS_FILE));
    }

    /** Counts the requests a test sends, for the agent's summary line. */
    static final class Requests {
        private final AtomicInteger count = new AtomicInteger();

        void add(int n) {
            count.addAndGet(n);
        }

        int count() {
            return count.get();
        }
    }

    /** GET that must answer 200; answers the body. */
    static String get200(AppProcess app, Requests sent, String pathAndQuery) {
        Http.Response r = Http.to(app).get(pathAndQuery);
        sent.add(1);
        assertEquals(200, r.status(), why("GET " + pathAndQuery + " answered " + r.status() + ": " + r.body(), app));
        return r.body();
    }

    /** Loads {@code pages} a few times each so the slow-page timings below run on a warm app. */
    static void warmUp(AppProcess app, Requests sent, String... pages) {
        for (int round = 0; round < 5; round++) {
            for (String page : pages) {
                get200(app, sent, page);
            }
        }
    }

    // ---- the session pages: a client that keeps one session ----

    // One client for all: each HttpClient owns a selector thread, and Java 17 has no close() for it.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Http.TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern SESSION_COOKIE = Pattern.compile("(JSESSIONID=[^;]+)");

    /**
     * One browser: GETs with the session cookie it was given (java.net.http keeps no cookies itself).
     * It counts no requests; the caller does.
     */
    static final class Browser {
        private final AppProcess app;
        private volatile String cookie;

        Browser(AppProcess app) {
            this.app = app;
        }

        String cookie() {
            return cookie;
        }

        Http.Response get(String pathAndQuery) {
            HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(pathAndQuery)).timeout(Http.TIMEOUT).GET();
            String c = cookie;
            if (c != null) {
                b.header("Cookie", c);
            }
            HttpRequest request = b.build();
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                for (String header : response.headers().allValues("Set-Cookie")) {
                    Matcher m = SESSION_COOKIE.matcher(header);
                    if (m.find()) {
                        cookie = m.group(1);
                    }
                }
                return new Http.Response(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + request.uri() + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during GET " + request.uri(), e);
            }
        }

        /** The first visit: the page answers 200 and the server hands out a session cookie. */
        void startSession(String page) {
            Http.Response r = get(page);
            assertEquals(200, r.status(), why("first visit GET " + page + " answered " + r.status() + ": " + r.body(),
                    app));
            assertEquals(FULL_PAGE, r.body(), why("first visit GET " + page, app));
            assertNotNull(cookie, why("GET " + page + " set a JSESSIONID cookie", app));
        }
    }

    // ---- reload under load ----

    /**
     * A fixed variant under the same load: counts the readers' requests and the reload in {@code sent}
     * and asserts that readers ran and not one page failed.
     */
    static void assertNoPageFails(AppProcess app, Requests sent, ReloadUnderLoad r, String what) {
        sent.add(r.requests() + 1);
        assertTrue(r.requests() > 0 && r.failures() == 0, why("no page fails while " + what + " reloads: " + r,
                app));
    }

    /** {@link ReloadUnderLoad#run} with this scenario's cookie-keeping client. */
    static ReloadUnderLoad reloadUnderLoad(Function<String, Http.Response> client, String page, int readers) {
        return ReloadUnderLoad.run(client, page, readers);
    }

    /** One reload-under-load run that made pages fail, and how far the findings had counted before it. */
    record FailingRun(ReloadUnderLoad result, int attempt, long countBefore, int requestsSent) {
    }

    /**
     * Repeats {@code run} (up to {@link #MAX_ATTEMPTS} times) until pages fail, and answers that run with
     * the summed count of the findings matching {@code finding} just before it, so the caller can show that
     * the findings counted up in that very run. Runs in which no page failed cannot have had a reader in
     * the window (every missing setting fails the page), so they leave those counts alone.
     */
    static FailingRun reloadUntilPagesFail(AppProcess app, Findings findings, Predicate<JsonNode> finding,
            Supplier<ReloadUnderLoad> run) {
        int sent = 0;
        List<ReloadUnderLoad> quiet = new ArrayList<>();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long before = count(findings.all(), finding);
            ReloadUnderLoad r = run.get();
            sent += r.requests() + 1;
            if (r.failures() > 0) {
                return new FailingRun(r, attempt, before, sent);
            }
            quiet.add(r);
        }
        fail(why("no page failed in " + MAX_ATTEMPTS + " reload-under-load runs: " + quiet, app).get());
        return null;
    }

    /** The summed count of the latest event of each fingerprint matching {@code finding}. */
    static long count(List<JsonNode> events, Predicate<JsonNode> finding) {
        return latest(events).stream().filter(finding).mapToLong(e -> e.path("count").asLong()).sum();
    }

    /**
     * Asserts that the run's failed pages were the seed's error page and that the findings matching
     * {@code finding} counted up during that run.
     */
    static void assertPagesFailedAndWereSeen(AppProcess app, Findings findings, FailingRun run, String scope,
            Predicate<JsonNode> finding, String what) {
        ReloadUnderLoad r = run.result();
        assertTrue(r.example() != null && r.example().matches("Element (TITLE|FOO|BAR|BAZ) is undefined in "
                + Pattern.quote(scope)), why("a failed page is the seed's error page for " + scope + ": " + r, app));
        List<JsonNode> events = findings.waitFor(ev -> count(ev, finding) > run.countBefore(), WAIT);
        assertTrue(count(events, finding) > run.countBefore(), why(r.failures() + " of " + r.requests()
                + " pages failed in reload-under-load run " + run.attempt() + " (" + r.example() + "), so " + what
                + " must have counted up in that run from " + run.countBefore() + "; now "
                + count(events, finding), app, events));
    }

    static Http.Response slowPageDuringReload(Http http, String app) {
        return ReloadUnderLoad.slowPageDuringReload(http, app);
    }

    // ---- findings ----

    static String text(JsonNode node, String field) {
        return E2e.text(node, field);
    }

    /** The last event per fingerprint, in order of first appearance. */
    static List<JsonNode> latest(List<JsonNode> events) {
        return E2e.latest(events);
    }

    /** Latest events of {@code type} whose state is {@code state} or {@code state} followed by '[' or '.'. */
    static List<JsonNode> on(List<JsonNode> latest, String type, String state) {
        return latest.stream().filter(e -> type.equals(text(e, "type")) && isOn(e, state))
                .collect(Collectors.toList());
    }

    static boolean isOn(JsonNode e, String state) {
        String s = text(e, "state");
        return s != null && (s.equals(state) || s.startsWith(state + "[") || s.startsWith(state + "."));
    }

    /** A finding of {@code type} on {@code state} (or one of its keys or fields). */
    static Predicate<JsonNode> finding(String type, String state) {
        return e -> type.equals(text(e, "type")) && isOn(e, state);
    }

    /** The one latest event of {@code type} on exactly {@code state}. */
    static JsonNode only(AppProcess app, List<JsonNode> events, String type, String state) {
        List<JsonNode> found = latest(events).stream()
                .filter(e -> type.equals(text(e, "type")) && state.equals(text(e, "state")))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), why("exactly one " + type + " finding on " + state, app, events));
        return found.get(0);
    }

    /**
     * Latest events at warning or above that concern {@code className}: its state, or a writer, reader or
     * publication site in it. The info-level cross-request flows of a settings map are expected and fine.
     */
    static List<JsonNode> warningsAbout(List<JsonNode> events, String className) {
        return Findings.atLeast(latest(events), "warning").stream().filter(e -> {
            String state = String.valueOf(text(e, "state"));
            String sites = text(e.path("writer"), "location") + " " + text(e.path("reader"), "location") + " "
                    + text(e.path("details"), "publishedAt");
            return state.startsWith(className + ".") || sites.contains(className + ".");
        }).collect(Collectors.toList());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code title at <site>(File.java:18)}, ... for keys filled at consecutive lines from {@code firstLine}. */
    static List<String> fills(String method, String file, int firstLine) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            out.add(KEYS.get(i) + " at " + method + "(" + file + ":" + (firstLine + i) + ")");
        }
        return out;
    }

    // ---- assertion messages ----

    /** An assertion message: {@code what}, the latest findings described, and the tail of the app's stderr. */
    static Supplier<String> why(String what, AppProcess app, Collection<JsonNode> events) {
        return () -> what
                + "\nfindings (" + events.size() + " events, latest per fingerprint):"
                + Findings.describe(latest(new ArrayList<>(events)))
                + "\napp: " + app.command().get(0) + " (pid " + app.pid() + ", work dir " + app.workDir() + ")"
                + "\n--- app stderr (tail) ---\n" + E2e.tail(app.stderr(), STDERR_TAIL);
    }

    /** {@link #why} with the findings the app's JSON file holds when the message is made. */
    static Supplier<String> why(String what, AppProcess app) {
        return () -> why(what, app, findings(app).all()).get();
    }

    /** {@link #why} with the full JSON of {@code detail} added. */
    static Supplier<String> why(String what, AppProcess app, Collection<JsonNode> events, JsonNode detail) {
        Supplier<String> base = why(what, app, events);
        return () -> base.get() + "\n--- the event ---\n" + detail.toPrettyString();
    }

    // ---- checks for every run ----

    /** The checks every run passes (see {@link E2e#assertCommonChecks}). */
    static void assertCommonChecks(AppProcess app, List<JsonNode> events, int requests) {
        E2e.assertCommonChecks(app, events, requests);
    }
}
