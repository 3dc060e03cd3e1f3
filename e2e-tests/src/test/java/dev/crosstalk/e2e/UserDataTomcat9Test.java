package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
 * Per-user data written once into shared state on Tomcat 9 with sessions: a price cache keyed without
 * the session's currency, a greeting cache keyed without the Accept-Language header, a static "last
 * statement" reused for another user. Each is an error after a single write, shown to happen (the
 * second user receives the first user's data), and absent in its fixed twin; a clock-refreshed
 * banner, a lazy singleton, a counter, a pure memo and template names built from an empty prefix in
 * a request whose path cut to an empty string (the JVM's one {@code ""}) stay info.
 */
class UserDataTomcat9Test {

    private static final String PKG = "dev.crosstalk.testapps.userdata.tomcat9.";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void singleWriteLeaksAreErrorsNamingTheirSourceAndTwinsAndLookAlikesAreQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, "userdata-tomcat9", dir, E2e.jsonOptions(json));
        try (app) {
            UserClient alice = new UserClient(app.uri("/")).header("Accept-Language", "de-DE");
            UserClient bob = new UserClient(app.uri("/")).header("Accept-Language", "en-US");
            alice.post("/session?name=alice&currency=EUR");
            bob.post("/session?name=bob&currency=USD");

            assertEquals("book: 12.00 EUR", alice.get("/price?item=book"), why("alice's price", app));
            assertEquals("book: 12.00 EUR", bob.get("/price?item=book"), why("the bug: bob is shown EUR", app));
            assertEquals("book: 12.00 EUR", alice.get("/fixed/price?item=book"), why("fixed price", app));
            assertEquals("book: 12.00 USD", bob.get("/fixed/price?item=book"), why("fixed: bob's currency", app));

            String german = "<p lang=\"de-DE\">Willkommen (home)</p>";
            assertEquals(german, alice.get("/greeting?page=home"), why("alice's greeting", app));
            assertEquals(german, bob.get("/greeting?page=home"), why("the bug: bob is greeted in German", app));
            assertEquals(german, alice.get("/fixed/greeting?page=home"), why("fixed greeting", app));
            assertEquals("<p lang=\"en-US\">Welcome (home)</p>", bob.get("/fixed/greeting?page=home"),
                    why("fixed: bob's language", app));

            assertEquals("2026-11: statement of alice", alice.get("/statement?month=2026-11"), why("statement", app));
            assertEquals("2026-11: statement of alice", bob.get("/statement?month=2026-11"),
                    why("the bug: bob receives alice's statement", app));
            assertEquals("2026-11: statement of alice", alice.get("/fixed/statement?month=2026-11"), why("fixed", app));
            assertEquals("2026-11: statement of bob", bob.get("/fixed/statement?month=2026-11"),
                    why("fixed: bob's own statement", app));

            // The clock-refreshed banner: alice refreshes it (maxAge 0), bob accepts any age; twice, a
            // millisecond apart at least, so that two requests wrote different values.
            String first = alice.get("/banner?maxAge=0");
            assertEquals(first, bob.get("/banner?maxAge=3600000"), why("bob reads the banner alice refreshed", app));
            Thread.sleep(5);
            String second = alice.get("/banner?maxAge=0");
            assertNotEquals(first, second, why("alice refreshed the banner again", app));
            assertEquals(second, bob.get("/banner?maxAge=3600000"), why("bob reads the new banner", app));

            assertEquals("EUR,USD,CHF (1)", alice.get("/currencies"), why("lazy singleton", app));
            assertEquals("EUR,USD,CHF (2)", bob.get("/currencies"), why("lazy singleton and counter", app));
            assertEquals("12 squared is 144", alice.get("/square?n=12"), why("memo", app));
            assertEquals("12 squared is 144", bob.get("/square?n=12"), why("memo", app));
            // alice's path cuts to the empty string the template prefix is; bob reads what she resolved
            assertEquals("layout.html [index, 0 parts] footer.html", alice.get("/section/"), why("section root", app));
            assertEquals("layout.html [books, 2 parts] footer.html", bob.get("/section/books"), why("section", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, 24);
        UserDataChecks.assertExactly(app, events, List.of(
                new Leak(PKG + "PriceServlet.RENDERED", "session attribute", "currency", "GET /price",
                        PKG + "PriceServlet.price(PriceServlet.java:37)", PKG + "PriceServlet.price(PriceServlet.java:34)"),
                new Leak(PKG + "GreetingServlet.BY_PAGE", "header", "Accept-Language", "GET /greeting",
                        PKG + "GreetingServlet.doGet(GreetingServlet.java:35)",
                        PKG + "GreetingServlet.doGet(GreetingServlet.java:31)"),
                new Leak(PKG + "StatementServlet.last", "session attribute", "name", "GET /statement",
                        PKG + "StatementServlet.doGet(StatementServlet.java:39)",
                        PKG + "StatementServlet.doGet(StatementServlet.java:28)")));
        // The banner was overwritten with different values by two requests (asserted above) and read by
        // another user's: only its clock origin keeps it at info.
        UserDataChecks.assertInfoOnly(app, events, List.of(PKG + "BannerServlet.banner",
                PKG + "CurrenciesServlet.currencies", PKG + "CurrenciesServlet.served", PKG + "SquareServlet.MEMO",
                PKG + "SectionServlet.layout", PKG + "SectionServlet.TEMPLATES"));
        FindingsDocTest.assertDocumentedUnder("A single-write leak, with its source", E2e.latestAtLeastWarning(events)
                .stream().filter(e -> (PKG + "GreetingServlet.BY_PAGE").equals(E2e.stateField(e))).findFirst()
                .orElseThrow());
        UserDataChecks.assertNoValues(app, events, json, List.of("alice", "bob", "EUR", "USD", "de-DE", "en-US",
                "2026-11"));
    }
}
