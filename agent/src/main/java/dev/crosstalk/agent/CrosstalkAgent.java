package dev.crosstalk.agent;

import dev.crosstalk.agent.config.Options;
import dev.crosstalk.agent.report.AgentInfo;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point: {@code -javaagent:crosstalk-agent.jar[=options]}, or a dynamic attach.
 * Deliberately tiny: it reads the options, puts the hooks on the bootstrap class path before
 * anything can load them from elsewhere, then hands over to the installer. Nothing it does may stop the application: any
 * failure is one line on stderr, and the application runs without the agent.
 */
public final class CrosstalkAgent {
    private CrosstalkAgent() {
    }

    /** The {@code agentmain} argument that {@code java -jar crosstalk-agent.jar detach <pid>} sends. */
    static final String DETACH = "crosstalk:detach";

    /**
     * The system property in which {@code agentmain} leaves one line on what it did, for the attaching
     * command to read back (it cannot see the target's stderr).
     */
    static final String STATUS_PROPERTY = "dev.crosstalk.agent.status";

    /** The agent installed in this JVM, or null; the same class for every attach of the same jar. */
    private static RunningAgent running;
    /** The hook classes can be put on the bootstrap class path once only: a second copy would never load. */
    private static boolean hooksOnBootClassPath;

    /** Called by the JVM before {@code main} for {@code -javaagent:}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /**
     * Called by the JVM when the agent is attached to a running JVM ({@code java -jar
     * crosstalk-agent.jar attach <pid> [options]}), and for {@code detach <pid>}.
     */
    public static void agentmain(String args, Instrumentation inst) {
        if (DETACH.equals(args)) {
            detach();
        } else {
            start(args, inst, true);
        }
    }

    private static synchronized void detach() {
        try {
            RunningAgent agent = running;
            if (agent == null) {
                status("not attached: nothing to detach");
            } else if (!agent.attached()) {
                status("started with -javaagent, which stays until the JVM exits: not detached");
            } else {
                running = null;
                int restored = agent.detach();
                status("detached: report and final counts written, " + restored
                        + " application classes back to their original bytes, the agent's threads stopped");
            }
        } catch (Throwable t) {
            status("detach failed (" + t + ")");
        }
    }

    private static void status(String line) {
        System.setProperty(STATUS_PROPERTY, line);
    }

    private static java.util.Map<String, String> systemProperties() {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("crosstalk.")) {
                out.put(name, System.getProperty(name));
            }
        }
        return out;
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        if (running != null) {
            if (attached) {
                status("already attached: detach first to attach with other options");
            }
            return;
        }
        if (attached) {
            status("not started (see the application's stderr)");
        }
        try {
            Options options;
            try {
                options = Options.load(args, systemProperties(), System.getenv());
            } catch (Options.Invalid e) {
                System.err.println(e.getMessage() + "; the agent is off, the application runs without it");
                return;
            }
            options.notes.forEach(System.err::println);
            if (!options.enabled) {
                return; // off means off: not even the hooks on the boot class path
            }
            if (!hooksOnBootClassPath) {
                BootstrapJar.append(inst);
                hooksOnBootClassPath = true;
            }
            running = Installer.install(options, inst, attached);
            if (running != null && attached) {
                status("attached: crosstalk " + AgentInfo.version() + ", " + running.instrumentedAtAttach()
                        + " application classes already loaded instrumented; findings go where the options say");
            }
        } catch (Throwable t) {
            System.err.println("crosstalk: not started (" + t + "); the application runs without it");
        }
    }
}
