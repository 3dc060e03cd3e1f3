package dev.crosstalk.junit;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit 5 gate: fails a test when the code it ran produced crosstalk findings at or above a
 * severity. Registered by {@link CrosstalkGate}, or for every test by auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true}), when the threshold comes from the
 * configuration parameter {@code crosstalk.junit.failOn}.
 *
 * <p>Before each test (and its {@code @BeforeEach} methods) it notes every finding's count and
 * severity; after the test (and its {@code @AfterEach} methods) the findings that are new, occurred
 * again, or became more severe are the test's. The agent's findings are global to the JVM: with
 * tests running in parallel, one test's finding can fail another that ran at the same time.
 */
public final class CrosstalkExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CrosstalkExtension.class);

    private final AgentFindings agent;

    /** The extension reading the agent that runs in this JVM. */
    public CrosstalkExtension() {
        this(AgentFindings.lookup(AgentFindings.HOOKS));
    }

    /** Reads {@code agent} instead: the tests use it to play a JVM without the agent. */
    CrosstalkExtension(AgentFindings agent) {
        this.agent = agent;
    }

    /** What {@link #beforeEach} saw. */
    private static final class Before {
        final GateSettings settings;
        final Map<String, NewFindings.Seen> seen;

        Before(GateSettings settings, Map<String, NewFindings.Seen> seen) {
            this.settings = settings;
            this.seen = seen;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        GateSettings settings = GateSettings.of(context);
        if (!agent.running()) {
            if (settings.requireAgent) {
                throw new ExtensionConfigurationException(FailureMessage.agentMissing(agent.whyNotRunning()));
            }
            context.publishReportEntry("crosstalk", "gate off: the agent is not running (" + agent.whyNotRunning() + ")");
            return;
        }
        context.getStore(NAMESPACE).put(Before.class, new Before(settings, NewFindings.snapshot(agent.all())));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Before before = context.getStore(NAMESPACE).remove(Before.class, Before.class);
        if (before == null) {
            return;
        }
        // Findings are recorded on the server's thread at the offending read, usually before the
        // response; but a handler can send its response before it returns, the request's end (which
        // closes publication windows and judges publish-then-populate and partial-init-read) comes
        // after that, and work a request handed to an executor runs later still. A client, and so the
        // test, can be done before those land. Waiting until the findings stop changing (100 ms by
        // default, at most 20 times that) attributes them to this test instead of the next, or none.
        List<Map<String, Object>> now = agent.settled(before.settings.settleMillis,
                before.settings.settleMaxMillis());
        List<NewFindings.Change> changes = NewFindings.since(before.seen, now, before.settings.failOn);
        if (!changes.isEmpty()) {
            throw new AssertionFailedError(FailureMessage.of(changes, before.settings));
        }
    }
}
