package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.why;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request parameter's value never leaves the agent by default. An e-mail address, sent in the query
 * string, becomes the key and part of the value of a static map (the newsletter's pending
 * confirmations) and the value of a static field (the logged-in user), both cross-request bugs. The
 * findings are reported, yet the address, its URL-encoded form and the map's value appear in none of
 * the outputs: stderr, stdout and every file in the app's working directory (text and JSON outputs, the
 * baseline, reports). With {@code show-keys=true} the key does appear, so the scan can fail.
 */
class PrivacyTest {

    private static final String APP = "userinfo-jdkhttp";
    private static final String PKG = "dev.crosstalk.testapps.userinfo.jdkhttp.";
    private static final String PENDING = PKG + "Newsletter.PENDING";
    private static final String CURRENT_USER = PKG + "CurrentUser.name";

    private static final String EMAIL = "alice.secret@example.com";
    private static final String ENCODED = URLEncoder.encode(EMAIL, UTF_8);
    private static final String LOCAL_PART = "alice.secret";
    /** Part of the value the newsletter keeps for the address: values are never shown, keys only if asked. */
    private static final String VALUE_PART = "for the daily letter";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void emailAppearsInNoOutputByDefault(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Run run = run(jdk, dir, E2e.jsonOptions(json, "baseline-write=crosstalk-baseline.txt"));
        E2e.assertCommonChecks(run.app, run.events, run.requests);
        assertBugsReported(run);
        assertTrue(E2e.textFindingLines(run.app).stream().anyMatch(l -> l.startsWith("crosstalk ERROR cross-request-flow: "
                + PENDING + "[key#")), why("the text on stderr has the error, with the key hashed", run.app, run.events));
        assertTrue(Files.isRegularFile(dir.resolve("crosstalk-baseline.txt")), why("the baseline was written, and"
                + " is scanned too", run.app, run.events));
        assertAbsent(run, EMAIL, ENCODED, LOCAL_PART, VALUE_PART);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void emailAppearsInNoOutputWithTextInAFileAtInfo(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Path text = dir.resolve("crosstalk.log");
        Run run = run(jdk, dir, E2e.jsonOptions(json, "text=" + text, "text-severity=info"));
        E2e.assertWellFormed(run.app, run.events);
        assertBugsReported(run);
        String log = read(text);
        assertTrue(log.contains("crosstalk ERROR cross-request-flow: " + PENDING + "[key#")
                && log.contains("crosstalk: ") && log.contains(" findings ("), why("the text file has the error and"
                        + " the summary:\n" + log, run.app, run.events));
        assertAbsent(run, EMAIL, ENCODED, LOCAL_PART, VALUE_PART);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void showKeysShowsTheKeyButNeverTheValueNorTheQueryString(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Run run = run(jdk, dir, E2e.jsonOptions(json, "show-keys=true", "text-severity=info"));
        E2e.assertCommonChecks(run.app, run.events, run.requests);
        JsonNode pending = assertBugsReported(run);
        assertEquals(PENDING + "[" + EMAIL + "]", E2e.text(pending, "state"), why("show-keys=true shows the key",
                run.app, run.events, pending));
        assertTrue(run.app.stderr().contains(PENDING + "[" + EMAIL + "]"), why("and so does the text", run.app,
                run.events));
        assertAbsent(run, ENCODED, VALUE_PART);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void singleWriteLeakNamesItsSourceButNeitherTheUserNorTheCredentials(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        String password = EMAIL + "-secret";
        String credentials = java.util.Base64.getEncoder().encodeToString((EMAIL + ":" + password).getBytes(UTF_8));
        AppProcess app = E2e.start(jdk, "userdata-jdkhttp", dir, E2e.jsonOptions(json, "text-severity=info"));
        try (app) {
            // The address is the user name: the widget cache keyed without the user serves it to bob.
            UserClient alice = new UserClient(app.uri("/")).basic(EMAIL, password);
            UserClient bob = new UserClient(app.uri("/")).basic("bob@example.org", "bob@example.org-secret");
            assertEquals("[mail] inbox of " + EMAIL, alice.get("/widget?name=mail"), why("alice's widget", app));
            assertEquals("[mail] inbox of " + EMAIL, bob.get("/widget?name=mail"), why("bob is shown alice's", app));
        }
        app.stopGracefully();
        Run run = new Run(app, dir, Findings.read(json), 2);
        E2e.assertCommonChecks(run.app, run.events, run.requests);
        JsonNode leak = Findings.atLeast(E2e.latest(run.events), "error").stream().findFirst()
                .orElseThrow(() -> new AssertionError(why("the single-write leak is an error", run.app, run.events).get()));
        assertEquals("principal", E2e.text(leak.path("details").path("source"), "kind"),
                why("the source is named by its kind", run.app, run.events, leak));
        assertTrue(E2e.text(leak.path("writer"), "session") != null, why("the writer has a user key", run.app,
                run.events, leak));
        assertAbsent(run, EMAIL, ENCODED, LOCAL_PART, credentials);
    }

    /** Starts the app with {@code options}, plays both bugs with the address, and stops it. */
    private static Run run(Jdk jdk, Path dir, String options) {
        AppProcess app = E2e.start(jdk, APP, dir, options);
        try (app) {
            // The same address signs up for two lists; the first device is then shown the second's confirmation.
            post200(app, "/subscribe?email=" + ENCODED + "&list=weekly");
            post200(app, "/subscribe?email=" + ENCODED + "&list=daily");
            assertEquals("confirm " + EMAIL + " for the daily letter", get200(app, "/subscription?email=" + ENCODED),
                    why("the pending confirmation is the last sign-up's", app));
            // Two logins, then a profile page: the last login's address is shown to whoever asks.
            post200(app, "/login?user=" + URLEncoder.encode("bob@example.org", UTF_8));
            post200(app, "/login?user=" + ENCODED);
            assertEquals("profile of " + EMAIL, get200(app, "/profile"), why("GET /profile", app));
        }
        app.stopGracefully();
        return new Run(app, dir, Findings.read(dir.resolve(E2e.FINDINGS_FILE)), 6);
    }

    /** Both bugs are errors: the findings that must not give the address away exist. Returns the map's. */
    private static JsonNode assertBugsReported(Run run) {
        List<JsonNode> errors = Findings.atLeast(E2e.latest(run.events), "error");
        List<JsonNode> pending = errors.stream().filter(e -> PENDING.equals(E2e.stateField(e)))
                .collect(Collectors.toList());
        assertEquals(1, pending.size(), why("one error on " + PENDING, run.app, run.events));
        assertTrue(errors.stream().anyMatch(e -> CURRENT_USER.equals(E2e.text(e, "state"))),
                why("an error on " + CURRENT_USER, run.app, run.events));
        return pending.get(0);
    }

    /** None of {@code secrets} is in stderr, stdout or any file under the app's working directory. */
    private static void assertAbsent(Run run, String... secrets) {
        Map<String, String> outputs = outputs(run);
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            for (String secret : secrets) {
                output.getValue().lines().filter(l -> l.contains(secret))
                        .forEach(l -> leaks.add(output.getKey() + " has '" + secret + "': " + l));
            }
        }
        assertTrue(outputs.containsKey(E2e.FINDINGS_FILE) && outputs.containsKey("app.stderr"), why("the scan"
                + " covered the JSON file and stderr: " + outputs.keySet(), run.app, run.events));
        assertEquals(List.of(), leaks, why("the address or the value leaked; outputs scanned: " + outputs.keySet(),
                run.app, run.events));
    }

    /** The app's stderr and stdout as captured, and every file under its working directory, by name. */
    private static Map<String, String> outputs(Run run) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("(captured stderr)", run.app.stderr());
        outputs.put("(captured stdout)", run.app.stdout());
        try (Stream<Path> files = Files.walk(run.dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                outputs.put(run.dir.relativize(file).toString(), new String(Files.readAllBytes(file), UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outputs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Run(AppProcess app, Path dir, List<JsonNode> events, int requests) {
    }
}
