package dev.crosstalk.agent;

import dev.crosstalk.agent.config.Options;
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

    /** Called by the JVM before {@code main} for {@code -javaagent:}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /** Called by the JVM when the agent is attached to a running JVM. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
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

    private static void start(String args, Instrumentation inst) {
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
            BootstrapJar.append(inst);
            Installer.install(options, inst);
        } catch (Throwable t) {
            System.err.println("crosstalk: not started (" + t + "); the application runs without it");
        }
    }
}
