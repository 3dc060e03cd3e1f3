package dev.crosstalk.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which findings each rule silences, and which it leaves alone. */
class SuppressionTest {
    private static final String CACHE = "com.acme.Remixer.sampleCache";
    private final Finding cacheFlow = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, CACHE + "[key#6b34]");
    private final Finding settingsFill = TestFindings.of(FindingType.PUBLISH_THEN_POPULATE, Severity.WARNING,
            "com.acme.Application.settings");

    @Test
    void nothingIsSuppressedByDefault() {
        assertNull(Suppression.none().reason(cacheFlow));
        assertNull(Suppression.none().reason(settingsFill));
    }

    @Test
    void typeSilencesThatTypeOnly() {
        Suppression s = new Suppression(List.of(), List.of("publish-then-populate"), List.of(), Map.of());
        assertEquals(Suppression.Reason.TYPE, s.reason(settingsFill));
        assertNull(s.reason(cacheFlow));
    }

    @Test
    void statePatternMatchesTheWholeNameWithStarForAnyText() {
        assertEquals(Suppression.Reason.STATE, states("com.acme.Remixer.*").reason(cacheFlow));
        assertEquals(Suppression.Reason.STATE, states("*.sampleCache[*]").reason(cacheFlow));
        assertEquals(Suppression.Reason.STATE, states("com.*.Application.settings").reason(settingsFill));
        assertNull(states("com.acme.Remixer.*").reason(settingsFill));
        // Whole-string: a prefix or a part is not a match.
        assertNull(states("com.acme").reason(cacheFlow));
        assertNull(states("Remixer.sampleCache").reason(cacheFlow));
        assertNull(states("com.acme.Application.setting").reason(settingsFill));
    }

    @Test
    void statePatternNamingTheFieldCoversEveryKeyOfIt() {
        assertEquals(Suppression.Reason.STATE, states(CACHE).reason(cacheFlow));
        assertNull(states(CACHE + "[key#0000]").reason(cacheFlow));
    }

    @Test
    void statePatternCharactersOtherThanStarAreLiteral() {
        Finding nested = TestFindings.of(FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, "com.acme.Outer$Inner.cache");
        assertEquals(Suppression.Reason.STATE, states("com.acme.Outer$Inner.cache").reason(nested));
        assertNull(states("com.acme.Outer.Inner.cache").reason(nested));
        assertNull(states("com.acme.Remixer.sampleCach.").reason(cacheFlow), "'.' is not any character");
        assertNull(states("com.acme.Remixer.sampleCache[key#6b3.]").reason(cacheFlow));
    }

    @Test
    void fingerprintSilencesThatFindingOnly() {
        Suppression s = new Suppression(List.of(), List.of(), List.of(cacheFlow.fingerprint()), Map.of());
        assertEquals(Suppression.Reason.FINGERPRINT, s.reason(cacheFlow));
        assertNull(s.reason(settingsFill));
    }

    @Test
    void baselineSilencesItsFingerprintsUpToTheirSeverity() {
        Suppression s = new Suppression(List.of(), List.of(), List.of(),
                Map.of(cacheFlow.fingerprint(), Severity.ERROR, settingsFill.fingerprint(), Severity.INFO));
        assertEquals(Suppression.Reason.BASELINE, s.reason(cacheFlow));
        assertNull(s.reason(settingsFill), "known as info, now a warning: news");
        Finding settingsInfo = TestFindings.of(FindingType.PUBLISH_THEN_POPULATE, Severity.INFO, settingsFill.state());
        assertEquals(Suppression.Reason.BASELINE, s.reason(settingsInfo));
    }

    @Test
    void optionsComeBeforeTheBaseline() {
        Suppression s = new Suppression(List.of(), List.of("cross-request-flow"), List.of(),
                Map.of(cacheFlow.fingerprint(), Severity.ERROR));
        assertEquals(Suppression.Reason.TYPE, s.reason(cacheFlow));
    }

    private static Suppression states(String... patterns) {
        return new Suppression(List.of(patterns), List.of(), List.of(), Map.of());
    }
}
