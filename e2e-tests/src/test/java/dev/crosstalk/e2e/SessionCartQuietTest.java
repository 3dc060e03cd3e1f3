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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A look-alike of the session-scope sequel that must stay quiet: the Spring Boot app's per-session cart,
 * the commonest use of {@code HttpSession} (a list made by the session's first request, stored as an
 * attribute, then added to by the session's later requests, under the list's own lock). Three users
 * fill their carts, one of them from two tabs at once; each sees only its own items, and the agent
 * reports nothing.
 */
class SessionCartQuietTest {
    private static final int USERS = 3;
    private static final int ROUNDS = 5;
    private static final int TAB_ADDS = 7;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void aPerSessionCartIsNotReported(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = SpringBootScenario.start(jdk, dir, json);
        try (app) {
            List<UserClient> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users.add(new UserClient(app.uri("/")));
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (UserClient user : users) {
                    assertEquals(round + " item(s) in the cart", user.get("/cart?item=i" + round),
                            why("each user's cart holds its own items", app));
                }
            }
            UserClient twoTabs = users.get(0);
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService tabs = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int tab = 0; tab < 2; tab++) {
                    String item = "tab" + tab;
                    done.add(tabs.submit(() -> {
                        for (int i = 0; i < TAB_ADDS; i++) {
                            together.await(30, TimeUnit.SECONDS);
                            twoTabs.get("/cart?item=" + item);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                tabs.shutdownNow();
            }
            assertEquals((ROUNDS + 2 * TAB_ADDS + 1) + " item(s) in the cart", twoTabs.get("/cart?item=last"),
                    why("both tabs' items are in the one session's cart", app));
            assertEquals((ROUNDS + 1) + " item(s) in the cart", users.get(1).get("/cart?item=last"),
                    why("another user's cart is untouched by the tabs", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, USERS * ROUNDS + 2 * TAB_ADDS + 2);
        List<JsonNode> findings = E2e.latest(events);
        assertTrue(findings.isEmpty(), why("a per-session cart is no finding:" + Findings.describe(findings), app,
                events));
    }
}
