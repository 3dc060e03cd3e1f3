package dev.crosstalk.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Run by GateTest only: the gate as it is in a JVM without the agent. */
public class AgentMissingSample {
    /** A hooks class that no JVM has: what the lookup meets when -javaagent is missing. */
    static final String NO_HOOKS = "dev.crosstalk.junit.NoSuchHooks";

    static volatile boolean bodyRan;

    @RegisterExtension
    static final CrosstalkExtension GATE = new CrosstalkExtension(AgentFindings.lookup(NO_HOOKS));

    @Test
    void anyTest() {
        bodyRan = true;
    }
}
