package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 on Spring WebFlux (Reactor Netty): a request is one server exchange, and it follows its work
 * from the event loop through {@code subscribeOn(boundedElastic)}, {@code delayElement}/{@code Mono.delay}
 * and {@code publishOn}. A controller singleton's field, a static, and one key of a functional handler's
 * map, each set by one exchange and read by another after those hops, are errors naming both exchanges;
 * so is a controller field read in a {@code WebClient} call's continuation, which runs on the event loop
 * that receives the response (the client exchange belongs to the request that made it);
 * the fixed twins (the value carried down the chain, the map keyed by what each exchange asked for) are
 * quiet; Netty's, Reactor's and Spring's own state never is a finding.
 */
class WebFluxTest {
    private static final String PKG = "dev.crosstalk.testapps.webflux.";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void exchangesFollowTheirWorkAcrossSchedulers(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = AppProcess.builder().jdk(jdk).jar(E2e.project().appJar("webflux"))
                .agentJar(E2e.project().agentJar()).agentOptions(E2e.jsonOptions(json)).workDir(dir)
                .startTimeout(Duration.ofSeconds(120)).start();
        GatedClient client = new GatedClient(app);
        try (app) {
            assertEquals(new GatedClient.Pair("hello bob", "hello bob"), client.get("/greet", "user"),
                    why("the bug is real: Alice's greeting, rendered after its hops, shows Bob", app));
            assertEquals(new GatedClient.Pair("hello alice", "hello bob"), client.get("/fixed/greet", "user"),
                    why("the fixed controller greets each their own", app));
            assertEquals(new GatedClient.Pair("confirmed bob-books", "confirmed bob-books"),
                    client.post("/orders", "alice-shoes", "bob-books"),
                    why("the bug is real: Alice's order is confirmed as Bob's", app));
            assertEquals(new GatedClient.Pair("confirmed alice-shoes", "confirmed bob-books"),
                    client.post("/fixed/orders", "alice-shoes", "bob-books"),
                    why("the fixed order page confirms each their own", app));
            assertEquals(new GatedClient.Pair("bob at 100", "bob at 100"), client.get("/quote", "symbol"),
                    why("the bug is real: the functional handler quotes Bob's symbol to Alice", app));
            assertEquals(new GatedClient.Pair("ALICE at 100", "BOB at 100"), client.get("/fixed/quote", "symbol"),
                    why("the map keyed by symbol quotes each their own", app));
            assertEquals(new GatedClient.Pair("1.5 bob", "1.5 bob"), client.get("/convert", "currency"),
                    why("the bug is real: Alice's conversion, rendered when the rate came back, shows Bob's currency", app));
            assertEquals(new GatedClient.Pair("1.5 alice", "1.5 bob"), client.get("/fixed/convert", "currency"),
                    why("the fixed conversion renders the currency it carried", app));
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        assertEquals(List.of(
                "error cross-request-flow " + PKG + "ConvertController.currency"
                        + " | GET /convert @ " + PKG + "ConvertController.convert(ConvertController.java:31)"
                        + " | GET /convert @ " + PKG + "ConvertController.lambda$convert$0(ConvertController.java:32)",
                "error cross-request-flow " + PKG + "GreetingController.currentUser"
                        + " | GET /greet @ " + PKG + "GreetingController.greet(GreetingController.java:28)"
                        + " | GET /greet @ " + PKG + "GreetingController.lambda$greet$1(GreetingController.java:35)",
                "error cross-request-flow " + PKG + "Orders.lastOrder"
                        + " | POST /orders @ " + PKG + "OrderController.lambda$confirm$0(OrderController.java:36)"
                        + " | POST /orders @ " + PKG + "OrderController.lambda$confirm$3(OrderController.java:40)",
                "error cross-request-flow " + PKG + "QuoteHandler.quotes[key#4a20]"
                        + " | GET /quote @ " + PKG + "QuoteHandler.quote(QuoteHandler.java:31)"
                        + " | GET /quote @ " + PKG + "QuoteHandler.lambda$quote$0(QuoteHandler.java:32)"),
                E2e.warningsAndErrors(events), why("one error per bug, Alice's exchange the reader; nothing for the"
                        + " fixed twins, Netty, Reactor or Spring", app, events));
        for (JsonNode e : E2e.latestAtLeastWarning(events)) {
            String reader = e.path("reader").path("thread").asText();
            // The conversion is read in the WebClient's continuation, on the event loop the response came in on.
            boolean client = e.path("state").asText().contains("ConvertController");
            assertTrue(e.path("writer").path("thread").asText().startsWith("reactor-http-")
                    && reader.startsWith(client ? "reactor-http-" : "parallel-"), why("written on the event loop,"
                    + " read after the hops: " + reader, app, events, e));
        }
        // Each conversion also asks this server's /backend/rate once: two pairs, four requests more.
        E2e.assertCommonChecks(app, events, client.sent() + 4);
    }
}
