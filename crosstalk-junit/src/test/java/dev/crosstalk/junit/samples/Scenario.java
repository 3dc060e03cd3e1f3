package dev.crosstalk.junit.samples;

import java.io.IOException;

/** What every sample test does: two users log in, then the first looks at her profile. */
final class Scenario {
    private Scenario() {
    }

    static void twoLoginsThenProfile(SampleHttp http) throws IOException, InterruptedException {
        http.get("/login?user=alice");
        http.get("/login?user=bob");
        http.get("/profile?user=alice");
    }
}
