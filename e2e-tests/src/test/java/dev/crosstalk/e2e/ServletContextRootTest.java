package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A servlet-context attribute is a shared root, as a static is: the reach app's first request makes a
 * price list and keeps it in the {@code ServletContext}; a reload re-initialises its map field and fills
 * it while another request (no session, another user) reads it. The object was made inside a request,
 * so only its storing into the servlet context makes it shared. The symptom (500) and the findings come
 * from one run; the twin builds the map aside and stays quiet.
 */
class ServletContextRootTest {
    private static final String PKG = "dev.crosstalk.testapps.reach.";
    private static final String RACE = ReachTest.RACE;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void objectKeptInTheServletContextIsSharedStateAndItsFixIsQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = ReachTest.start(jdk, dir, json);
        int requests = 0;
        try (app) {
            Http http = Http.to(app);
            assertEquals("open", http.get("/catalog/open").body(), why("the price list is made", app));
            Http.Response shown = ReachTest.alongside(() -> http.get("/catalog/show?gate=catalog"),
                    () -> http.get("/catalog/reload?gate=catalog"));
            assertEquals(List.of(500, "Element SHOES is undefined in APPLICATION.CATALOG"),
                    List.of(shown.status(), shown.body()), why("the reader saw the half-built prices", app));
            assertEquals("open", http.get("/catalog-fixed/open").body(), why("the fixed price list is made", app));
            shown = ReachTest.alongside(() -> http.get("/catalog-fixed/show?gate=catalog-fixed"),
                    () -> http.get("/catalog-fixed/reload?gate=catalog-fixed"));
            assertEquals(List.of(200, "shoes=59.90\nsocks=4.90\n"), List.of(shown.status(), shown.body()),
                    why("the fixed price list is complete when published", app));
            requests += 6;
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, requests);

        String prices = PKG + "Catalog.prices";
        String published = PKG + "Catalog.load(Catalog.java:15)";
        assertEquals(List.of(
                "error partial-init-read " + prices + "[shoes] | GET /catalog/reload @ " + published
                        + " | GET /catalog/show @ " + PKG + "CatalogServlet.show(CatalogServlet.java:59)",
                "error publish-then-populate " + prices + " | GET /catalog/reload @ " + published + " | -"),
                ReachTest.withoutRaces(events),
                why("exactly these warnings and errors; none from the fixed twin", app, events));
        // The lockset detector (issue 10) may also see the map filled under its unlocked reader: states only.
        List<String> races = ReachTest.raceStates(events);
        assertTrue(List.of(RACE + prices).containsAll(races),
                why("the races the mutation detector sees in this app: " + races, app, events));
        JsonNode populate = E2e.latestAtLeastWarning(events).stream()
                .filter(e -> "publish-then-populate".equals(text(e, "type")) && prices.equals(text(e, "state")))
                .findFirst().orElseThrow();
        assertEquals(List.of("shoes at " + PKG + "Catalog.load(Catalog.java:18)",
                "socks at " + PKG + "Catalog.load(Catalog.java:19)"),
                ReachTest.strings(populate.path("details").path("fillsAfterPublication")),
                why("the two fills after publication", app, events, populate));
    }
}
