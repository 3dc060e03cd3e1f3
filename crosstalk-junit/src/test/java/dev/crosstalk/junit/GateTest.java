package dev.crosstalk.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.crosstalk.junit.samples.CleanProfileSample;
import dev.crosstalk.junit.samples.LateReadSample;
import dev.crosstalk.junit.samples.LeakyProfileSample;
import dev.crosstalk.junit.samples.NestedSample;
import dev.crosstalk.junit.samples.PrecedenceSample;
import dev.crosstalk.junit.samples.SubclassSample;
import dev.crosstalk.junit.samples.UngatedCleanSample;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * The gate on real findings: sample test classes that drive a JDK HttpServer in this JVM, which
 * runs with the agent, executed through the JUnit engine as a build would run them.
 */
class GateTest {
    private static final String AUTODETECT = "junit.jupiter.extensions.autodetection.enabled";
    private static final String LEAKY_STATE = "dev.crosstalk.junit.samples.LeakyProfileServer.currentUser";
    private static final String COUNTER_STATE = "dev.crosstalk.junit.samples.CleanProfileServer.requests";

    @Test
    void aStaticFieldLeakingOneUsersLoginIntoAnothersProfileFailsTheTest() {
        EngineExecutionResults results = run(LeakyProfileSample.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(0).failed(1));
        Throwable failure = onlyFailure(results);
        assertInstanceOf(AssertionFailedError.class, failure);
        String message = failure.getMessage();
        for (String expected : List.of("crosstalk: this test produced 1 finding at error or above",
                "(threshold from @CrosstalkGate on " + LeakyProfileSample.class.getName() + ")",
                "ERROR cross-request-flow: " + LEAKY_STATE + "\n",
                "Per-request data in shared state",
                "writer: GET /login (request ", "reader: GET /profile (request ",
                ") at dev.crosstalk.junit.samples.LeakyProfileServer.", "(LeakyProfileServer.java:",
                "1 time during this test")) {
            assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
        }
        Map<String, Object> finding = agentFinding(fingerprintIn(message));
        assertEquals(List.of("cross-request-flow", "error", LEAKY_STATE),
                List.of(finding.get("type"), finding.get("severity"), finding.get("state")), message);
    }

    @Test
    void theSameLeakInALaterTestFailsThatTestTooWithTheCountItAdded() {
        String first = onlyFailure(run(LeakyProfileSample.class)).getMessage();
        String second = onlyFailure(run(LeakyProfileSample.class)).getMessage();

        assertEquals(fingerprintIn(first), fingerprintIn(second));
        assertTrue(second.matches("(?s).*seen [1-9][0-9]* times? before this test, 1 time during this test.*"), second);
    }

    @Test
    void theCleanTwinPassesAlthoughTheJvmAlreadyHasErrorFindings() {
        run(LeakyProfileSample.class).testEvents().assertStatistics(s -> s.failed(1));

        run(CleanProfileSample.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        // It passed with its code watched: its counter gave the agent an info finding.
        assertTrue(agentFindings().stream().anyMatch(f -> COUNTER_STATE.equals(f.get("state"))
                && "info".equals(f.get("severity"))), "no info finding on " + COUNTER_STATE + ": " + agentFindings());
    }

    @Test
    void autoDetectionGatesUnannotatedTestsAtTheConfiguredSeverity() {
        String message = onlyFailure(run(UngatedCleanSample.class, AUTODETECT, "true",
                GateSettings.FAIL_ON, "info")).getMessage();
        assertTrue(message.contains("INFO cross-request-flow: " + COUNTER_STATE + "\n"), message);
        assertTrue(message.contains("at info or above (threshold from configuration parameter crosstalk.junit.failOn)"),
                message);

        run(UngatedCleanSample.class, AUTODETECT, "true", GateSettings.FAIL_ON, "warning")
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        run(UngatedCleanSample.class, AUTODETECT, "false", GateSettings.FAIL_ON, "info")
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void theAnnotationOverridesTheConfigurationAndAutoDetectionDoesNotGateTwice() {
        run(CleanProfileSample.class, AUTODETECT, "true", GateSettings.FAIL_ON, "info")
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));

        Throwable failure = onlyFailure(run(LeakyProfileSample.class, AUTODETECT, "true"));
        assertEquals(0, failure.getSuppressed().length, "a second gate added its own failure");
        assertEquals(1, count(failure.getMessage(), "fingerprint ct1-"), failure.getMessage());
    }

    @Test
    void aMethodAnnotationWinsOverTheClassAnnotation() {
        EngineExecutionResults results = run(PrecedenceSample.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertEquals("classThresholdApplies()", onlyFailed(results).getTestDescriptor().getDisplayName());
        assertTrue(onlyFailure(results).getMessage().contains("INFO cross-request-flow: " + COUNTER_STATE),
                onlyFailure(results).getMessage());
    }

    @Test
    void aClassAnnotationReachesNestedClassesAndSubclasses() {
        String nested = onlyFailure(run(NestedSample.class)).getMessage();
        assertTrue(nested.contains("INFO cross-request-flow: " + COUNTER_STATE), nested);
        assertTrue(nested.contains("(threshold from @CrosstalkGate on " + NestedSample.class.getName() + ")"), nested);

        String inherited = onlyFailure(run(SubclassSample.class)).getMessage();
        assertTrue(inherited.contains("ERROR cross-request-flow: " + LEAKY_STATE), inherited);
    }

    @Test
    void aLeakReadAfterTheLastResponseStillFailsTheTest() {
        // The late read comes 200 ms after the last response, when the test is already over (the
        // gate's default quiet period, 100 ms, would end first); a quiet period of 1 s still waits
        // for it with room to spare on a loaded machine.
        String message = onlyFailure(run(LateReadSample.class, GateSettings.SETTLE_MILLIS, "1000")).getMessage();

        assertTrue(message.contains("ERROR cross-request-flow: dev.crosstalk.junit.samples.LateReadServer.currentUser"),
                message);
    }

    @Test
    void withoutTheAgentTheGateFailsAndSaysHowToAddIt() {
        AgentMissingSample.bodyRan = false;
        Throwable failure = onlyFailure(run(AgentMissingSample.class));

        assertInstanceOf(ExtensionConfigurationException.class, failure);
        for (String expected : List.of("the crosstalk agent is not running in this test JVM",
                AgentMissingSample.NO_HOOKS + " is not loaded", "<argLine>-javaagent:/path/to/crosstalk-agent.jar</argLine>",
                "<argLine>@{argLine} -javaagent:", "@CrosstalkGate(requireAgent = false)", "crosstalk.junit.requireAgent=false")) {
            assertTrue(failure.getMessage().contains(expected), "missing '" + expected + "' in:\n" + failure.getMessage());
        }
        assertFalse(AgentMissingSample.bodyRan, "the test ran although the gate could not watch it");
    }

    @Test
    void withoutTheAgentTheGateCanBeTurnedOffAndSaysSo() {
        AgentMissingSample.bodyRan = false;
        EngineExecutionResults byParameter = run(AgentMissingSample.class, GateSettings.REQUIRE_AGENT, "false");
        byParameter.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertTrue(AgentMissingSample.bodyRan);
        assertGateOffReported(byParameter);

        EngineExecutionResults byAnnotation = run(AgentMissingAnnotatedSample.class);
        byAnnotation.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertGateOffReported(byAnnotation);
    }

    @Test
    void anInvalidParameterFailsTheTestSayingWhatItAccepts() {
        Throwable failure = onlyFailure(run(UngatedCleanSample.class, AUTODETECT, "true", GateSettings.FAIL_ON, "fatal"));

        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertEquals("crosstalk: configuration parameter crosstalk.junit.failOn accepts error, warning or info, not 'fatal'",
                failure.getMessage());
    }

    private static void assertGateOffReported(EngineExecutionResults results) {
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("crosstalk"))
                .collect(Collectors.toList());
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).startsWith("gate off: the agent is not running (" + AgentMissingSample.NO_HOOKS),
                entries.get(0));
    }

    /** Runs a sample class alone, with only the given configuration parameters (key, value, ...). */
    private static EngineExecutionResults run(Class<?> sample, String... parameters) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(false)
                .selectors(selectClass(sample));
        for (int i = 0; i < parameters.length; i += 2) {
            kit.configurationParameter(parameters[i], parameters[i + 1]);
        }
        return kit.execute();
    }

    private static Event onlyFailed(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        assertEquals(1, failed.size(), "failed tests: " + failed);
        return failed.get(0);
    }

    private static Throwable onlyFailure(EngineExecutionResults results) {
        return onlyFailed(results).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    private static String fingerprintIn(String message) {
        Matcher m = Pattern.compile("fingerprint (ct1-[0-9a-f]{16}):").matcher(message);
        assertTrue(m.find(), message);
        return m.group(1);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static List<Map<String, Object>> agentFindings() {
        return AgentFindings.lookup(AgentFindings.HOOKS).all();
    }

    private static Map<String, Object> agentFinding(String fingerprint) {
        return agentFindings().stream().filter(f -> fingerprint.equals(f.get("fingerprint"))).findFirst()
                .orElseThrow(() -> new AssertionError("the agent has no finding " + fingerprint));
    }
}
