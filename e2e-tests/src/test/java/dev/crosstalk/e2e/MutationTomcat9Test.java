package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10 on embedded Tomcat 9: non-thread-safe JDK containers and builders in shared state. In one
 * run per JDK, every shape shows its symptom (mixed output, a template loaded twice,
 * {@code ConcurrentModificationException}) and is an {@code unsafe-concurrent-mutation} error naming
 * both requests and both sites; every fixed twin and every thread-safe look-alike, driven through the
 * same interleaving, shows no symptom and nothing at warning or above. A shared date format is judged
 * like the containers, between calls: its two requests never call it at the same instant.
 */
class MutationTomcat9Test {
    private static final String APP = "mutation-tomcat9";
    private static final String PKG = "dev.crosstalk.testapps.mutation.";
    private static final String CME = "ConcurrentModificationException";

    /** Each buggy state, and the method both sides of its finding run in (a lambda of it counts). */
    private static final Map<String, List<String>> SHAPES = Map.ofEntries(
            Map.entry(PKG + "ReportService.lines", List.of("ReportService.report(", "ReportService.report(")),
            Map.entry(PKG + "Registry.BY_CONTAINS", List.of("Registry.containsThenPut(", "Registry.containsThenPut(")),
            Map.entry(PKG + "Registry.BY_GET", List.of("Registry.getThenPut(", "Registry.getThenPut(")),
            Map.entry(PKG + "Renderers.BUFFER", List.of("Renderers.render(", "Renderers.render(")),
            Map.entry(PKG + "Renderers.buffer", List.of("Renderers.render(", "Renderers.render(")),
            Map.entry(PKG + "LruCache.entries", List.of("LruCache.list(", "LruCache.lambda$get$")),
            Map.entry(PKG + "CatalogServlet.items", List.of("CatalogServlet.list(", "CatalogServlet.lambda$doGet$")),
            Map.entry(PKG + "CatalogServlet.groups[…]", List.of("CatalogServlet.list(", "CatalogServlet.lambda$doGet$")),
            Map.entry(PKG + "Index.WORDS", List.of("Index.list(", "Index.lambda$add$")),
            Map.entry(PKG + "Cart.items", List.of("Cart.view(", "Cart.lambda$add$")),
            // judged between calls: the two calls never overlap in time
            Map.entry(PKG + "Stamps.FORMAT", List.of("Stamps.year(", "Stamps.echo(")));

    private static final List<String> LOOK_ALIKES = List.of("concurrent-map", "skip-list", "copy-on-write",
            "synchronized-wrapper", "atomic", "monitor", "reentrant-lock", "startup", "local", "thread-local");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void everyShapeIsFoundWithItsSymptomAndEveryTwinAndLookAlikeIsQuiet(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json));
        PairClient client = new PairClient(app);
        try (app) {
            shapesShowTheirSymptoms(app, client);
            twinsShowNone(app, client);
            for (String name : LOOK_ALIKES) {
                client.both("/quiet/" + name + "?user=alice", "/quiet/" + name + "?user=bob");
            }
            client.both("/quiet/read-write-lock?role=write&user=alice", "/quiet/read-write-lock?role=read&user=bob");
            client.both("/quiet/read-write-lock?role=read&user=alice", "/quiet/read-write-lock?role=read&user=bob");
            assertEquals(new PairClient.Answers("filled", "1.102"), client.both("/quiet/volatile-flag?role=write",
                    "/quiet/volatile-flag?role=read"), why("the reader saw the flag and the full table", app));
            assertEquals("handed", client.one("/quiet/handoff/put?user=alice"), why("hand-off", app));
            assertEquals("2", client.one("/quiet/handoff/take"), why("the next request took the list over", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        List<JsonNode> serious = E2e.latestAtLeastWarning(events);

        assertEquals(new TreeSet<>(SHAPES.keySet()), serious.stream().map(e -> text(e, "state"))
                .collect(Collectors.toCollection(TreeSet::new)),
                why("every shape is found; no twin or look-alike is at warning or above", app, events));
        for (JsonNode e : serious) {
            String state = text(e, "state");
            List<String> methods = SHAPES.get(state);
            assertEquals("unsafe-concurrent-mutation", text(e, "type"), why(state, app, events, e));
            assertEquals("error", text(e, "severity"), why(state, app, events, e));
            String writer = e.path("writer").path("location").asText();
            String reader = e.path("reader").path("location").asText();
            assertTrue(writer.contains(methods.get(0)) && reader.contains(methods.get(1))
                    || writer.contains(methods.get(1)) && reader.contains(methods.get(0)),
                    why("both sites name the shape's code", app, events, e));
            assertFalse(e.path("writer").path("requestId").asLong() == e.path("reader").path("requestId").asLong(),
                    why("two requests", app, events, e));
            assertFalse(e.path("writer").path("thread").asText().equals(e.path("reader").path("thread").asText()),
                    why("two threads", app, events, e));
        }
        for (String registry : List.of("Registry.BY_CONTAINS", "Registry.BY_GET")) {
            String method = registry.endsWith("CONTAINS") ? "containsThenPut" : "getThenPut";
            assertTrue(serious.stream().anyMatch(e -> text(e, "state").equals(PKG + registry)
                    && text(e, "message").startsWith("Check-then-act on " + PKG + registry)
                    && text(e, "message").matches(".*both found key#[0-9a-f]{4} missing at \\S+\\." + method
                            + "\\(Registry\\.java:\\d+\\) and both stored it at \\S+\\." + method
                            + "\\(Registry\\.java:\\d+\\); no lock was common to them.*")),
                    why(registry + ": check-then-act with both sites", app, events));
        }
        for (JsonNode e : events) {
            String all = e.toString();
            for (String secret : List.of("alice", "bob", "template-one", "template-two", "apple", "fig")) {
                assertFalse(all.contains(secret), why("a value or raw key in a finding: " + secret, app, events, e));
            }
        }
        E2e.assertCommonChecks(app, events, client.sent());
    }

    private static void shapesShowTheirSymptoms(AppProcess app, PairClient client) {
        PairClient.Answers report = client.both("/report?user=alice", "/report?user=bob");
        assertTrue(report.first().contains("bob") || report.second().contains("alice"),
                why("a singleton's list: one user's report has the other's lines: " + report, app));

        client.both("/registry/contains?name=template-one", "/registry/contains?name=template-one");
        assertEquals("2", client.one("/registry/loads?name=template-one"), why("containsKey then put: loaded twice", app));
        client.both("/registry/get?name=template-two", "/registry/get?name=template-two");
        assertEquals("2", client.one("/registry/loads?name=template-two"), why("get == null then put: loaded twice", app));

        for (String render : List.of("/render/static", "/render/field")) {
            PairClient.Answers page = client.both(render + "?user=alice", render + "?user=bob");
            assertTrue(page.first().contains("bob") || page.second().contains("alice"),
                    why(render + ": a shared builder mixes the users' pages: " + page, app));
        }

        assertEquals(new PairClient.Answers(CME, "alpha"), client.both("/lru/list", "/lru/get?key=a"),
                why("an access-order get is a structural change", app));
        assertEquals(CME, client.both("/catalog/list", "/catalog/add?item=fig").first(), why("servlet field", app));
        assertEquals(CME, client.both("/catalog/groups/list", "/catalog/groups/add?item=fig").first(),
                why("a list reached through the servlet's map", app));
        assertEquals(CME, client.both("/index/list", "/index/add?item=five").first(), why("static HashMap", app));
        assertEquals("opened", client.one("/cart/open"), why("cart", app));
        assertEquals(CME, client.both("/cart/view", "/cart/add?item=coat").first(), why("session object", app));
        assertEquals(new PairClient.Answers("1999", "1999-07-01"), client.both("/stamp/year?d=2024-01-15",
                "/stamp/echo?ms=" + JULY_1999), why("a shared date format: the other request's year, between calls", app));
    }

    /** 1999-07-01 at noon UTC: that date in every time zone the server may run in. */
    private static final long JULY_1999 = 930_830_400_000L;

    private static void twinsShowNone(AppProcess app, PairClient client) {
        PairClient.Answers report = client.both("/fixed/report?user=alice", "/fixed/report?user=bob");
        assertTrue(!report.first().contains("bob") && !report.second().contains("alice")
                && report.first().contains("alice") && report.second().contains("bob"), why("fixed report", app));

        client.both("/fixed/registry?name=template-three", "/fixed/registry?name=template-three");
        assertEquals("1", client.one("/registry/loads?name=template-three"), why("fixed registry loads once", app));

        for (String render : List.of("/fixed/render/local", "/fixed/render/thread")) {
            PairClient.Answers page = client.both(render + "?user=alice", render + "?user=bob");
            assertEquals(new PairClient.Answers("<p>Hello alice</p>", "<p>Hello bob</p>"), page, why(render, app));
        }

        assertEquals(new PairClient.Answers("abc", "alpha"), client.both("/fixed/lru/list", "/fixed/lru/get?key=a"),
                why("fixed LRU", app));
        assertEquals("apple pear plum ", client.both("/fixed-catalog/list", "/fixed-catalog/add?item=fig").first(),
                why("copy-on-write list iterates its snapshot", app));
        assertFalse(client.both("/fixed-catalog/groups/list", "/fixed-catalog/groups/add?item=fig").first()
                .contains(CME), why("fixed groups", app));
        assertFalse(client.both("/fixed/index/list", "/fixed/index/add?item=five").first().contains(CME),
                why("fixed index", app));
        assertEquals("opened", client.one("/fixed/cart/open"), why("fixed cart", app));
        assertEquals("hat scarf gloves ", client.both("/fixed/cart/view", "/fixed/cart/add?item=coat").first(),
                why("fixed cart lists a copy", app));
        assertEquals(new PairClient.Answers("2024", "1999-07-01"), client.both("/fixed/stamp/year?d=2024-01-15",
                "/fixed/stamp/echo?ms=" + JULY_1999), why("a format per call", app));
    }
}
