package dev.crosstalk.junit.samples;

import org.junit.jupiter.api.Test;

/** Run by GateTest only, without an annotation: gated by auto-detection and configuration parameters. */
public class UngatedCleanSample {
    @Test
    void aliceLooksAtHerProfileAfterBobLoggedIn() throws Exception {
        try (SampleHttp http = CleanProfileServer.start()) {
            Scenario.twoLoginsThenProfile(http);
        }
    }
}
