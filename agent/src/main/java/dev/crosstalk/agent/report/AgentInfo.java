package dev.crosstalk.agent.report;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which agent, on which host and process, reported a finding: for merging the rows of a fleet. */
public final class AgentInfo {
    private final Map<String, Object> fields;

    private AgentInfo(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** This agent, on this host and process. */
    public static AgentInfo current() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version());
        m.put("host", host());
        m.put("pid", ProcessHandle.current().pid());
        return new AgentInfo(m);
    }

    /** The agent's version from its jar's manifest; {@code dev} for a build without one. */
    public static String version() {
        String v = AgentInfo.class.getPackage() == null ? null : AgentInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    Map<String, Object> fields() {
        return fields;
    }
}
