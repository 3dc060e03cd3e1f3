package dev.crosstalk.junit.samples;

import dev.crosstalk.junit.CrosstalkGate;
import dev.crosstalk.junit.Severity;
import org.junit.jupiter.api.Test;

/** Run by GateTest only: the class asks for info, one method for error; the counter is info. */
@CrosstalkGate(failOn = Severity.INFO)
public class PrecedenceSample {
    @Test
    void classThresholdApplies() throws Exception {
        try (SampleHttp http = CleanProfileServer.start()) {
            Scenario.twoLoginsThenProfile(http);
        }
    }

    @Test
    @CrosstalkGate(failOn = Severity.ERROR)
    void methodAnnotationWins() throws Exception {
        try (SampleHttp http = CleanProfileServer.start()) {
            Scenario.twoLoginsThenProfile(http);
        }
    }
}
