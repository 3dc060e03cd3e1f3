package dev.crosstalk.junit.samples;

import dev.crosstalk.junit.CrosstalkGate;
import org.junit.jupiter.api.Test;

/** Run by GateTest only: must pass; its only finding is the request counter's info. */
@CrosstalkGate
public class CleanProfileSample {
    @Test
    void aliceLooksAtHerProfileAfterBobLoggedIn() throws Exception {
        try (SampleHttp http = CleanProfileServer.start()) {
            Scenario.twoLoginsThenProfile(http);
        }
    }
}
