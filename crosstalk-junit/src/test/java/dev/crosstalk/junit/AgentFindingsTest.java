package dev.crosstalk.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Finding the agent in this JVM, which Surefire starts with -javaagent, and telling why it is not there. */
class AgentFindingsTest {
    @Test
    void theAgentOfThisJvmIsFoundOnTheBootClassPath() throws Exception {
        assertNull(Class.forName(AgentFindings.HOOKS, false, null).getClassLoader(),
                "precondition: -javaagent put the hooks on the boot class path");
        AgentFindings agent = AgentFindings.lookup(AgentFindings.HOOKS);

        assertTrue(agent.running());
        assertNull(agent.whyNotRunning());
        assertEquals(agent.all().size(), agent.settled(0, 0).size());
    }

    @Test
    void aJvmWithoutTheHooksHasNoAgent() {
        AgentFindings agent = AgentFindings.lookup("dev.crosstalk.junit.NoSuchHooks");

        assertFalse(agent.running());
        assertTrue(agent.all().isEmpty());
        assertEquals("dev.crosstalk.junit.NoSuchHooks is not loaded: the test JVM was started without"
                + " -javaagent:crosstalk-agent.jar", agent.whyNotRunning());
    }

    @Test
    void aCopyOnTheClassPathIsNotARunningAgent() {
        // Any class of the test class path stands for the agent jar added as a plain dependency.
        AgentFindings agent = AgentFindings.lookup(AgentFindingsTest.class.getName());

        assertFalse(agent.running());
        assertTrue(agent.whyNotRunning().contains("is on the test class path but not on the boot class path"),
                agent.whyNotRunning());
    }

    @Test
    void aBootClassWithoutTheFindingsApiIsAnOlderAgent() {
        AgentFindings agent = AgentFindings.lookup("java.lang.String");

        assertFalse(agent.running());
        assertTrue(agent.whyNotRunning().endsWith("older than this crosstalk-junit"), agent.whyNotRunning());
    }
}
