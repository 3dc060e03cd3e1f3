package dev.crosstalk.junit.samples;

import java.io.IOException;
import java.util.Map;

/**
 * The fixed twin of {@link LeakyProfileServer}: the user travels with each request. The static
 * request counter is shared on purpose, which the agent reports as {@code info}.
 */
final class CleanProfileServer {
    private static int requests;

    private CleanProfileServer() {
    }

    static SampleHttp start() throws IOException {
        return new SampleHttp(Map.of(
                "/login", exchange -> {
                    requests++;
                    String user = SampleHttp.query(exchange, "user");
                    SampleHttp.respond(exchange, "logged in " + user);
                },
                "/profile", exchange -> {
                    requests++;
                    String user = SampleHttp.query(exchange, "user");
                    SampleHttp.respond(exchange, "profile of " + user);
                }));
    }
}
