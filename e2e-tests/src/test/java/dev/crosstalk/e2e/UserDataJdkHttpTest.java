package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.e2e.UserDataChecks.Leak;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-user data written once into shared state on the JDK HttpServer, which has no sessions: users
 * are told apart by their Authorization header. A widget cache keyed without the principal and a page
 * header with the user's name kept in a singleton are errors after one write; their twins are quiet.
 */
class UserDataJdkHttpTest {

    private static final String PKG = "dev.crosstalk.testapps.userdata.jdkhttp.";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void singleWriteLeaksWithoutSessionsAreErrorsAndTwinsAreQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, "userdata-jdkhttp", dir, E2e.jsonOptions(json));
        try (app) {
            UserClient alice = new UserClient(app.uri("/")).basic("alice", "alice-secret");
            UserClient bob = new UserClient(app.uri("/")).basic("bob", "bob-secret");
            assertEquals("[mail] inbox of alice", alice.get("/widget?name=mail"), why("alice's widget", app));
            assertEquals("[mail] inbox of alice", bob.get("/widget?name=mail"), why("the bug: bob sees alice's inbox", app));
            assertEquals("[mail] inbox of alice", alice.get("/fixed/widget?name=mail"), why("fixed widget", app));
            assertEquals("[mail] inbox of bob", bob.get("/fixed/widget?name=mail"), why("fixed: bob's inbox", app));
            String aliceHeader = "<header>Hello, portal:alice</header>\n<main>portal</main>";
            assertEquals(aliceHeader, alice.get("/page"), why("alice's page", app));
            assertEquals(aliceHeader, bob.get("/page"), why("the bug: bob is greeted as alice", app));
            assertEquals(aliceHeader, alice.get("/fixed/page"), why("fixed page", app));
            assertEquals("<header>Hello, portal:bob</header>\n<main>portal</main>", bob.get("/fixed/page"),
                    why("fixed: bob's own header", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, 8);
        String page = PKG + "PageHandler.handle(PageHandler.java:";
        UserDataChecks.assertExactly(app, events, List.of(
                new Leak(PKG + "WidgetHandler.BY_NAME", "principal", null, "GET /widget",
                        PKG + "WidgetHandler.handle(WidgetHandler.java:35)",
                        PKG + "WidgetHandler.handle(WidgetHandler.java:32)"),
                new Leak(PKG + "Layout.header", "principal", null, "GET /page", page + "29)", page + "28)"),
                new Leak(PKG + "Layout.header", "principal", null, "GET /page", page + "29)", page + "31)")));
        UserDataChecks.assertNoValues(app, events, json, List.of("alice", "bob", "secret", "YWxpY2"));
    }
}
