package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.harness.AppProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP client ({@code java.net.http}) for apps whose work waits at named gates
 * ({@code GET /gate/arrived?name=}, {@code POST /gate/release?name=}): it plays "A hands its work on and
 * pauses there, B runs start to end, A goes on" the same way every time, and counts every request it sends
 * for the agent's summary line.
 */
final class GatedClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private final AppProcess app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AtomicInteger sent = new AtomicInteger();
    private int gates;

    GatedClient(AppProcess app) {
        this.app = app;
    }

    /** Requests sent so far. */
    int sent() {
        return sent.get();
    }

    /** What A (paused at its gate while B ran) and B answered. */
    record Pair(String a, String b) {
    }

    /** A GETs {@code path?param=alice&gate=…}, B GETs {@code path?param=bob} while A waits at the gate. */
    Pair get(String path, String param) {
        String gate = "g" + (++gates);
        return play(gate, request(path + "?" + param + "=alice&gate=" + gate, null),
                request(path + "?" + param + "=bob", null));
    }

    /** As {@link #get}, with POSTs whose bodies are {@code bodyA} and {@code bodyB}. */
    Pair post(String path, String bodyA, String bodyB) {
        String gate = "g" + (++gates);
        return play(gate, request(path + "?gate=" + gate, bodyA), request(path, bodyB));
    }

    private Pair play(String gate, HttpRequest a, HttpRequest b) {
        CompletableFuture<HttpResponse<String>> first = send(a);
        body(send(request("/gate/arrived?name=" + gate, null)), "arrival at " + gate);
        String second = body(send(b), b.uri().toString());
        body(send(HttpRequest.newBuilder(app.uri("/gate/release?name=" + gate)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build()), "release of " + gate);
        return new Pair(body(first, a.uri().toString()), second);
    }

    /** GET that must answer 200; its body. */
    String get200(String pathAndQuery) {
        return body(send(request(pathAndQuery, null)), pathAndQuery);
    }

    private HttpRequest request(String pathAndQuery, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(pathAndQuery)).timeout(TIMEOUT);
        return body == null ? b.GET().build()
                : b.header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        sent.incrementAndGet();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private String body(CompletableFuture<HttpResponse<String>> response, String what) {
        try {
            HttpResponse<String> r = response.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), why(what + " answered " + r.statusCode() + ": " + r.body(), app));
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(why(what + " got no answer: " + e, app).get(), e);
        }
    }
}
