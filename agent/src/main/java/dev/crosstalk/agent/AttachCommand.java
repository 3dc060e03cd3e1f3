package dev.crosstalk.agent;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;
import java.io.PrintStream;

/**
 * {@code java -jar crosstalk-agent.jar attach <pid> [options] | detach <pid> | list}: loads the agent
 * into a JVM that is already running (the options in the {@code -javaagent:...=} form), takes it out
 * again, or lists the JVMs it could be loaded into. Runs in its own short-lived JVM.
 */
public final class AttachCommand {
    private static final String USAGE = "usage: java -jar crosstalk-agent.jar attach <pid> [key=value,...]"
            + " | detach <pid> | list";

    private AttachCommand() {
    }

    /** The command line; exit status 0 when the target says it did what was asked, 1 otherwise, 2 on bad use. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("list")) {
            return list(out);
        }
        boolean attach = args.length >= 2 && args.length <= 3 && args[0].equals("attach");
        boolean detach = args.length == 2 && args[0].equals("detach");
        if (!attach && !detach || !args[1].matches("\\d+")) {
            err.println(USAGE);
            return 2;
        }
        String pid = args[1];
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                vm.loadAgent(agentJar(), detach ? CrosstalkAgent.DETACH : args.length == 3 ? args[2] : null);
                String status = vm.getSystemProperties().getProperty(CrosstalkAgent.STATUS_PROPERTY, "(no answer)");
                out.println("crosstalk: " + pid + ": " + status);
                return status.startsWith(detach ? "detached" : "attached") ? 0 : 1;
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            err.println("crosstalk: could not " + args[0] + " " + pid + " (" + e + ")");
            return 1;
        }
    }

    private static int list(PrintStream out) {
        String self = String.valueOf(ProcessHandle.current().pid());
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (!d.id().equals(self)) {
                out.println(d.id() + " " + d.displayName());
            }
        }
        return 0;
    }

    private static String agentJar() throws Exception {
        return new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
