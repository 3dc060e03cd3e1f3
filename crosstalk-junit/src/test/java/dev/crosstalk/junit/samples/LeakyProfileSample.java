package dev.crosstalk.junit.samples;

import dev.crosstalk.junit.CrosstalkGate;
import org.junit.jupiter.api.Test;

/** Run by GateTest only: must fail, because bob's login leaks into alice's profile. */
@CrosstalkGate
public class LeakyProfileSample {
    @Test
    void aliceLooksAtHerProfileAfterBobLoggedIn() throws Exception {
        try (SampleHttp http = LeakyProfileServer.start()) {
            Scenario.twoLoginsThenProfile(http);
        }
    }
}
