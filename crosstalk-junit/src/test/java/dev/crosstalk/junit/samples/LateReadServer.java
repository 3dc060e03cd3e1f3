package dev.crosstalk.junit.samples;

import java.io.IOException;
import java.util.Map;

/**
 * {@link LeakyProfileServer}'s bug, read only after the response is sent (an audit line written
 * after answering), so that the client is done before the agent sees the read.
 */
final class LateReadServer {
    private static String currentUser;
    /** Audit lines; read by no one, kept so that the late read is not dead code. */
    static volatile String lastAudit;

    private LateReadServer() {
    }

    static SampleHttp start() throws IOException {
        return new SampleHttp(Map.of(
                "/login", exchange -> {
                    currentUser = SampleHttp.query(exchange, "user");
                    SampleHttp.respond(exchange, "logged in");
                },
                "/profile", exchange -> {
                    SampleHttp.respond(exchange, "profile");
                    exchange.close();
                    // Slow work after answering; the client has its response by now.
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    lastAudit = "profile shown to " + currentUser;
                }));
    }
}
