package dev.crosstalk.agent.finding;

import java.util.List;

/** Findings made by hand for the tests of this package. */
final class TestFindings {
    private TestFindings() {
    }

    static Finding of(FindingType type, Severity severity, String state) {
        String fingerprint = Fingerprint.of(type, state, "com.acme.A.w:1", "com.acme.A.r:2");
        return of(type, severity, state, fingerprint);
    }

    static Finding of(FindingType type, Severity severity, String state, String fingerprint) {
        Evidence e = new Evidence(1, "GET /a", "t-1", null, "com.acme.A.w(A.java:1)", List.of("com.acme.A.w(A.java:1)"));
        return new Finding(type, severity, state, fingerprint, "because", e, e, null);
    }
}
