package dev.crosstalk.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Run by GateTest only: {@link AgentMissingSample} with {@code requireAgent = false} on the
 * annotation. The annotation also registers the real gate, which finds the agent and passes.
 */
@CrosstalkGate(requireAgent = false)
public class AgentMissingAnnotatedSample {
    @RegisterExtension
    static final CrosstalkExtension GATE = new CrosstalkExtension(AgentFindings.lookup(AgentMissingSample.NO_HOOKS));

    @Test
    void anyTest() {
    }
}
