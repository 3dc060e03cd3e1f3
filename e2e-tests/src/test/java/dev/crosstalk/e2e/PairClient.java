package dev.crosstalk.e2e;

import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Http;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the two requests of an interleaving at once, with one cookie jar (so both can belong to one
 * session), and names each pair uniquely ({@code pair=…}) for the barriers inside the test app.
 * Counts what it sent, for the summary check.
 */
final class PairClient {
    private final AppProcess app;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Http.TIMEOUT).cookieHandler(new CookieManager()).build();
    private final AtomicInteger pairs = new AtomicInteger();
    private int sent;

    /** What the two requests of a pair answered. */
    record Answers(String first, String second) {
    }

    PairClient(AppProcess app) {
        this.app = app;
    }

    /** Both requests at once, with a fresh pair name; their bodies. Both must answer 200. */
    Answers both(String first, String second) {
        String pair = "p" + pairs.incrementAndGet();
        CompletableFuture<String> a = send(first + (first.contains("?") ? "&" : "?") + "pair=" + pair);
        CompletableFuture<String> b = send(second + (second.contains("?") ? "&" : "?") + "pair=" + pair);
        return new Answers(a.join(), b.join());
    }

    /** One request alone; its body. */
    String one(String pathAndQuery) {
        return send(pathAndQuery).join();
    }

    int sent() {
        return sent;
    }

    private CompletableFuture<String> send(String pathAndQuery) {
        sent++;
        HttpRequest request = HttpRequest.newBuilder(app.uri(pathAndQuery)).timeout(Http.TIMEOUT.multipliedBy(3))
                .GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        });
    }
}
