package dev.crosstalk.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP/1.1 client for one app: {@code get} and {@code post} against its base URI, with 10 s
 * timeouts, answering {@link Response}s and throwing unchecked exceptions on I/O failure.
 */
public final class Http {

    /** Connect and whole-request timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    // One client for all: each HttpClient owns a selector thread, and Java 17 has no close() for it.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String base;
    private final Duration timeout;

    /** A client for {@code base}, such as {@code http://127.0.0.1:8080}; paths are appended to it. */
    public Http(URI base) {
        this(base, TIMEOUT);
    }

    /** A client whose requests may take up to {@code timeout} each (an app loading its classes on demand). */
    public Http(URI base, Duration timeout) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.timeout = timeout;
    }

    /** A client for a running app. */
    public static Http to(AppProcess app) {
        return new Http(app.uri("/"));
    }

    /** The status and body of one response. */
    public record Response(int status, String body) {
    }

    public Response get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    /** A GET with one request header ({@code Authorization} for a protected page). */
    public Response get(String pathAndQuery, String header, String value) {
        return send(request(pathAndQuery).header(header, value).GET());
    }

    /** A POST with an empty body. */
    public Response post(String pathAndQuery) {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The absolute URI of {@code pathAndQuery} (starting with '/') on this client's base. */
    public URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("Path must start with '/': " + pathAndQuery);
        }
        return URI.create(base + pathAndQuery);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout);
    }

    private static Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
