package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user info service: the logged-in user kept in a static field (read directly, through a forward,
 * and on an executor), next to look-alikes that are fine (a token map, a login counter). The two
 * servers run the same scenario; subclasses name the app and the code sites.
 */
abstract class UserInfoScenario {

    private static final Pattern POOL_THREAD = Pattern.compile("(pool-\\d+)-thread-\\d+");
    private static final int REQUESTS = 8;

    /** The directory under test-apps. */
    abstract String app();

    /** The app's package, with a trailing dot. */
    abstract String pkg();

    /** Where POST /login writes the user, as {@code class.method(File.java:line)}. */
    abstract String loginWriteSite();

    /** Where GET /profile reads the user. */
    abstract String profileReadSite();

    /** Where the task GET /profile-async submits to the worker pool reads the user. */
    abstract String asyncReadSite();

    /** The package prefix of the server's frames on a request thread's stack. */
    abstract String serverFramePrefix();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void userInStaticFieldIsAnErrorAndLookAlikesStayBelowWarning(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, app(), dir, E2e.jsonOptions(json));
        try (app) {
            assertEquals("welcome alice", post200(app, "/login?user=alice"), why("POST /login", app));
            assertEquals("welcome bob", post200(app, "/login?user=bob"), why("POST /login", app));
            // The bug is real: alice's client would be shown bob's profile.
            assertEquals("profile of bob", get200(app, "/profile"), why("GET /profile", app));
            assertEquals("profile of bob", get200(app, "/profile-async"), why("GET /profile-async", app));
            // Look-alikes: per-client tokens in a map, and a counter.
            assertEquals("t-alice", post200(app, "/fixed/login?user=alice"), why("POST /fixed/login", app));
            assertEquals("t-bob", post200(app, "/fixed/login?user=bob"), why("POST /fixed/login", app));
            assertEquals("profile of alice", get200(app, "/fixed/profile?token=t-alice"),
                    why("GET /fixed/profile", app));
            assertEquals("4", get200(app, "/stats"), why("GET /stats counts all four logins", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, REQUESTS);

        String currentUser = pkg() + "CurrentUser.name";
        List<JsonNode> bad = E2e.latestAtLeastWarning(events);
        List<JsonNode> others = Findings.atLeast(events, "warning").stream()
                .filter(e -> !currentUser.equals(text(e, "state"))).collect(Collectors.toList());
        assertTrue(others.isEmpty(), why("no warning or error but for " + currentUser + ":"
                + Findings.describe(others), app, events));
        List<String> readers = bad.stream().map(e -> text(e.path("reader"), "label")).collect(Collectors.toList());
        assertEquals(List.of("GET /profile", "GET /profile-async"), readers.stream().sorted().collect(Collectors.toList()),
                why("one error per reading request", app, events));

        JsonNode direct = bad.stream().filter(e -> "GET /profile".equals(text(e.path("reader"), "label")))
                .findFirst().orElseThrow();
        JsonNode async = bad.stream().filter(e -> "GET /profile-async".equals(text(e.path("reader"), "label")))
                .findFirst().orElseThrow();
        assertLoginFlow(app, events, direct, "GET /profile", profileReadSite());
        assertLoginFlow(app, events, async, "GET /profile-async", asyncReadSite());

        // The direct read ran on a server thread; the async one on the worker pool, yet in its request.
        JsonNode directReader = direct.path("reader");
        JsonNode asyncReader = async.path("reader");
        assertTrue(hasFrame(directReader, serverFramePrefix()), why("GET /profile was read on a server thread"
                + " (a " + serverFramePrefix() + " frame on its stack)", app, events, direct));
        String asyncThread = String.valueOf(text(asyncReader, "thread"));
        assertTrue(asyncThread.startsWith("pool-"), why("GET /profile-async was read on the executor's pool thread,"
                + " not '" + asyncThread + "'", app, events, async));
        for (JsonNode serverSide : List.of(direct.path("writer"), directReader)) {
            assertNotEquals(poolOf(text(serverSide, "thread")), poolOf(asyncThread), why("the async read ran on"
                    + " the worker pool, not the server's request threads (" + text(serverSide, "thread") + ")",
                    app, events, async));
        }
        assertFalse(hasFrame(asyncReader, serverFramePrefix()), why("the async read has no server frame on its"
                + " stack", app, events, async));
        assertNotEquals(directReader.path("requestId").asLong(), asyncReader.path("requestId").asLong(),
                why("GET /profile and GET /profile-async are different requests", app, events, async));

        // The look-alikes were seen, and judged info.
        for (String lookAlike : List.of(pkg() + "Tokens.USERS_BY_TOKEN", pkg() + "Stats.logins")) {
            List<JsonNode> seen = E2e.latest(events).stream().filter(e -> lookAlike.equals(E2e.stateField(e)))
                    .collect(Collectors.toList());
            assertFalse(seen.isEmpty(), why("a finding about " + lookAlike, app, events));
            assertTrue(seen.stream().allMatch(e -> "info".equals(text(e, "severity"))),
                    why(lookAlike + " is info only", app, events));
        }
        assertTrue(E2e.latest(events).stream().filter(e -> (pkg() + "Tokens.USERS_BY_TOKEN").equals(E2e.stateField(e)))
                .allMatch(e -> text(e, "state").startsWith(pkg() + "Tokens.USERS_BY_TOKEN[key#")),
                why("token map states name a hashed key", app, events));

        // Never the values: neither the user names nor the tokens appear in the agent's output.
        String jsonText = read(json);
        List<String> agentText = app.stderr().lines().filter(l -> l.startsWith("crosstalk") || l.startsWith("  "))
                .collect(Collectors.toList());
        for (String value : List.of("alice", "bob")) {
            assertFalse(jsonText.contains(value), why("the JSON findings contain the value '" + value + "'", app, events));
            assertTrue(agentText.stream().noneMatch(l -> l.contains(value)),
                    why("the text findings contain the value '" + value + "'", app, events));
        }
        String blockHeader = "crosstalk ERROR cross-request-flow: " + currentUser;
        assertEquals(2, E2e.textFindingLines(app).stream().filter(blockHeader::equals).count(),
                why("two error blocks '" + blockHeader + "' in the text output: " + E2e.textFindingLines(app),
                        app, events));
    }

    private void assertLoginFlow(AppProcess app, List<JsonNode> events, JsonNode e, String readerLabel,
            String readSite) {
        JsonNode w = e.path("writer");
        JsonNode r = e.path("reader");
        List<String> actual = new ArrayList<>();
        for (String value : new String[] {text(e, "type"), text(e, "severity"), text(e, "state"), text(w, "label"),
                text(w, "location"), text(r, "label"), text(r, "location")}) {
            actual.add(String.valueOf(value));
        }
        assertEquals(List.of("cross-request-flow", "error", pkg() + "CurrentUser.name", "POST /login",
                loginWriteSite(), readerLabel, readSite), actual, why("[type, severity, state, writer label, writer"
                + " location, reader label, reader location]", app, events, e));
        long writerId = w.path("requestId").asLong(0);
        long readerId = r.path("requestId").asLong(0);
        assertTrue(writerId > 0 && writerId < readerId, why("writer request id " + writerId + " before reader's "
                + readerId + ": different requests", app, events, e));
    }

    private static boolean hasFrame(JsonNode side, String prefix) {
        for (JsonNode frame : side.path("stack")) {
            if (frame.asText().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code pool-2} for {@code pool-2-thread-1}; other thread names stand for themselves. */
    private static String poolOf(String thread) {
        Matcher m = POOL_THREAD.matcher(String.valueOf(thread));
        return m.matches() ? m.group(1) : thread;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
