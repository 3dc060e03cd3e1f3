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
 * Per-user data held in objects and collections built from a request's headers, written once into
 * shared state in the Spring Boot app (token-authenticated, no session: users are told apart by their
 * Authorization header): a card record in a static "last result", a model map in the controller
 * singleton's field, a list of the customer's orders in a cache keyed by the list's name only
 * ({@code computeIfAbsent}). Each is an error naming its header, shown to happen, and quiet in its
 * fixed twin; a plan record built from its key alone and cached by it stays quiet.
 */
class HeldUserDataSpringBootTest {

    private static final String CONTROLLER = SpringBootScenario.PKG + "AccountController";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void objectsAndCollectionsHoldingAUsersDataAreErrorsAndTwinsAndLookAlikesAreQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = SpringBootScenario.start(jdk, dir, json);
        try (app) {
            UserClient alice = new UserClient(app.uri("/")).header("X-Account", "alice")
                    .header("Accept-Language", "de-DE").header("Authorization", "Bearer token-of-alice");
            UserClient bob = new UserClient(app.uri("/")).header("X-Account", "bob")
                    .header("Accept-Language", "en-US").header("Authorization", "Bearer token-of-bob");

            UserDataChecks.assertLeaksOnlyWithoutTheFix(app, alice, bob, "/account/card", "/fixed/account/card",
                    "gold card of alice", "gold card of bob");
            UserDataChecks.assertLeaksOnlyWithoutTheFix(app, alice, bob, "/account/overview",
                    "/fixed/account/overview", "Overview in de-DE", "Overview in en-US");
            UserDataChecks.assertLeaksOnlyWithoutTheFix(app, alice, bob, "/account/orders?list=open",
                    "/fixed/account/orders?list=open", "order 1 of alice, order 2 of alice",
                    "order 1 of bob, order 2 of bob");
            assertEquals("Plan BASIC", alice.get("/account/plan?code=basic"), why("a plan", app));
            assertEquals("Plan BASIC", bob.get("/account/plan?code=basic"), why("the same plan for everyone", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, 14);
        String at = CONTROLLER + ".";
        UserDataChecks.assertExactly(app, events, List.of(
                new Leak(at + "lastCard", "header", "X-Account", "GET /account/card",
                        at + "card(AccountController.java:44)", at + "card(AccountController.java:41)"),
                new Leak(at + "overview", "header", "Accept-Language", "GET /account/overview",
                        at + "overview(AccountController.java:60)", at + "overview(AccountController.java:57)"),
                new Leak(at + "ORDERS_BY_LIST", "header", "X-Account", "GET /account/orders",
                        at + "orders(AccountController.java:81)", at + "orders(AccountController.java:81)")));
        UserDataChecks.assertNoValues(app, events, json, List.of("alice", "bob", "token-of", "de-DE", "en-US"));
    }
}
