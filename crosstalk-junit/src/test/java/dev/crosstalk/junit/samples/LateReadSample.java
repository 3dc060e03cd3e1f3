package dev.crosstalk.junit.samples;

import dev.crosstalk.junit.CrosstalkGate;
import org.junit.jupiter.api.Test;

/** Run by GateTest only: the leak is read after the last response, and must still fail this test. */
@CrosstalkGate
public class LateReadSample {
    @Test
    void aliceLooksAtHerProfileAfterBobLoggedIn() throws Exception {
        try (SampleHttp http = LateReadServer.start()) {
            Scenario.twoLoginsThenProfile(http);
        }
    }
}
