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
 * Per-user data held in objects and collections built from a request's inputs, written once into
 * shared state on the JDK HttpServer (no sessions: users are told apart by their Authorization
 * header): a record in a static "last result", a model map in a handler's field, a list of the user's
 * items in a cache keyed without the user. Each is an error naming its source, shown to happen, and
 * quiet in its fixed twin; a record built from its key alone and a lazily built record of constants
 * stay quiet.
 */
class HeldUserDataJdkHttpTest {

    private static final String PKG = "dev.crosstalk.testapps.userdata.jdkhttp.";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void objectsAndCollectionsHoldingAUsersDataAreErrorsAndTwinsAndLookAlikesAreQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, "userdata-jdkhttp", dir, E2e.jsonOptions(json));
        try (app) {
            UserClient alice = new UserClient(app.uri("/")).basic("alice", "alice-secret")
                    .header("Accept-Language", "de-DE");
            UserClient bob = new UserClient(app.uri("/")).basic("bob", "bob-secret").header("Accept-Language", "en-US");

            UserDataChecks.assertLeaksOnlyWithoutTheFix(app, alice, bob, "/card?theme=dark", "/fixed/card?theme=dark",
                    "dark card of alice", "dark card of bob");
            UserDataChecks.assertLeaksOnlyWithoutTheFix(app, alice, bob, "/dashboard", "/fixed/dashboard",
                    "Dashboard in de-DE", "Dashboard in en-US");
            UserDataChecks.assertLeaksOnlyWithoutTheFix(app, alice, bob, "/recent?list=home", "/fixed/recent?list=home",
                    "book viewed by alice, lamp viewed by alice", "book viewed by bob, lamp viewed by bob");
            assertEquals("Item LAMP on light", alice.get("/catalog?sku=lamp"), why("catalog", app));
            assertEquals("Item LAMP on light", bob.get("/catalog?sku=lamp"), why("the same entry for everyone", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, 14);
        UserDataChecks.assertExactly(app, events, List.of(
                new Leak(PKG + "CardHandler.last", "principal", null, "GET /card",
                        PKG + "CardHandler.handle(CardHandler.java:39)",
                        PKG + "CardHandler.handle(CardHandler.java:34)"),
                new Leak(PKG + "DashboardHandler.model", "header", "Accept-Language", "GET /dashboard",
                        PKG + "DashboardHandler.handle(DashboardHandler.java:31)",
                        PKG + "DashboardHandler.handle(DashboardHandler.java:30)"),
                new Leak(PKG + "DashboardHandler.model", "header", "Accept-Language", "GET /dashboard",
                        PKG + "DashboardHandler.handle(DashboardHandler.java:31)",
                        PKG + "DashboardHandler.handle(DashboardHandler.java:33)"),
                new Leak(PKG + "RecentHandler.BY_LIST", "principal", null, "GET /recent",
                        PKG + "RecentHandler.handle(RecentHandler.java:37)",
                        PKG + "RecentHandler.handle(RecentHandler.java:32)")));
        UserDataChecks.assertNoValues(app, events, json, List.of("alice", "bob", "secret", "YWxpY2", "de-DE",
                "en-US"));
    }
}
