package dev.crosstalk.junit.samples;

import dev.crosstalk.junit.CrosstalkGate;
import dev.crosstalk.junit.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Run by GateTest only: the outer class's threshold (info) applies to its nested class's test. */
@CrosstalkGate(failOn = Severity.INFO)
public class NestedSample {
    @Nested
    class Inner {
        @Test
        void aliceLooksAtHerProfileAfterBobLoggedIn() throws Exception {
            try (SampleHttp http = CleanProfileServer.start()) {
                Scenario.twoLoginsThenProfile(http);
            }
        }
    }
}
