package dev.crosstalk.agent;

import dev.crosstalk.agent.config.Options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.finding.Suppression;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the options become a {@link Suppression}, and what the summary line says about it. */
class InstallerSuppressionTest {
    private static final String KNOWN = "ct1-00112233445566ff";

    @TempDir
    Path dir;

    @Test
    void baselineFileIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("baseline.txt"), "# known\n" + KNOWN + " # error x y\n");
        String[] err = new String[1];
        Suppression s = withStderr(err, () -> suppression("baseline=" + file));
        assertEquals(Set.of(KNOWN), s.baselineFingerprints());
        assertEquals("", err[0]);
    }

    @Test
    void missingBaselineIsOneLineAndTheAgentRunsWithoutIt() throws Exception {
        Path file = dir.resolve("nowhere.txt");
        String[] err = new String[1];
        Suppression s = withStderr(err, () -> suppression("baseline=" + file + ",suppress-type=reset-during-use"));
        assertEquals(Set.of(), s.baselineFingerprints());
        List<String> lines = err[0].lines().collect(java.util.stream.Collectors.toList());
        assertEquals(1, lines.size(), err[0]);
        assertTrue(lines.get(0).startsWith("crosstalk: option 'baseline' accepts the path of a baseline file"), lines.get(0));
        assertTrue(lines.get(0).contains("not '" + file + "' (java.nio.file.NoSuchFileException"), lines.get(0));
        assertTrue(lines.get(0).endsWith("the agent runs without a baseline and reports every finding"), lines.get(0));
        Finding reset = finding(FindingType.RESET_DURING_USE);
        assertEquals(Suppression.Reason.TYPE, s.reason(reset), "the other options still apply");
    }

    @Test
    void baselineWithALineThatIsNotAFingerprintSaysWhichLine() throws Exception {
        Path file = Files.writeString(dir.resolve("baseline.txt"), KNOWN + "\nsee the wiki\n");
        String[] err = new String[1];
        Suppression s = withStderr(err, () -> suppression("baseline=" + file));
        assertEquals(Set.of(), s.baselineFingerprints());
        assertTrue(err[0].contains("(line 2 is not a fingerprint: 'see the wiki')"), err[0]);
    }

    @Test
    void summarySaysNothingWhenNothingWasSuppressed() {
        FindingRegistry r = new FindingRegistry(10);
        r.record("ct1-0000000000000001", () -> finding(FindingType.CROSS_REQUEST_FLOW));
        assertEquals("", Installer.suppressed(r));
    }

    @Test
    void summarySaysHowManyWereSuppressedWhyAndHowOften() throws Exception {
        Finding flow = finding(FindingType.CROSS_REQUEST_FLOW);
        Finding reset = finding(FindingType.RESET_DURING_USE);
        Finding fill = finding(FindingType.PUBLISH_THEN_POPULATE);
        FindingRegistry r = new FindingRegistry(10, new Suppression(List.of(), List.of("reset-during-use"), List.of(),
                java.util.Map.of(flow.fingerprint(), Severity.ERROR, fill.fingerprint(), Severity.ERROR)));
        for (Finding f : List.of(flow, flow, reset, fill)) {
            r.record(f.fingerprint(), () -> f);
        }
        assertEquals("; 3 findings suppressed (1 by type, 2 in the baseline), seen 4 times", Installer.suppressed(r));
    }

    private static Suppression suppression(String options) {
        try {
            return Installer.suppression(Options.parse(options));
        } catch (Options.Invalid e) {
            throw new AssertionError(e);
        }
    }

    private static Finding finding(FindingType type) {
        String state = "com.acme." + type.id();
        String fp = Fingerprint.of(type, state, "com.acme.A.w:1");
        Evidence e = new Evidence(1, "GET /a", "t", null, "com.acme.A.w(A.java:1)", null);
        return new Finding(type, Severity.ERROR, state, fp, "because", e, e, null);
    }

    private static <T> T withStderr(String[] captured, Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(original);
            captured[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
