package dev.crosstalk.junit.samples;

import java.io.IOException;
import java.util.Map;

/**
 * The classic cross-talk bug: {@code /login} keeps the user in a static field, and {@code /profile}
 * shows whoever logged in last.
 */
final class LeakyProfileServer {
    private static String currentUser;

    private LeakyProfileServer() {
    }

    static SampleHttp start() throws IOException {
        return new SampleHttp(Map.of(
                "/login", exchange -> {
                    currentUser = SampleHttp.query(exchange, "user");
                    SampleHttp.respond(exchange, "logged in");
                },
                "/profile", exchange -> SampleHttp.respond(exchange, "profile of " + currentUser)));
    }
}
