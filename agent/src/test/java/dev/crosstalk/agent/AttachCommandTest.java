package dev.crosstalk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of {@code java -jar crosstalk-agent.jar}: what it refuses before attaching to anything. */
class AttachCommandTest {

    @Test
    void wrongUseIsOneUsageLineAndStatusTwo() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("attach"), List.of("attach", "not-a-pid"),
                List.of("detach", "42", "json=x"), List.of("attach", "42", "json=x", "extra"), List.of("start", "42"),
                List.of("list", "42"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = AttachCommand.run(args.toArray(new String[0]), print(out), print(err));
            assertEquals(2, status, args.toString());
            assertEquals("", out.toString(StandardCharsets.UTF_8), args.toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: java -jar crosstalk-agent.jar attach <pid>"),
                    args + ": " + err);
        }
    }

    @Test
    void aProcessThatIsNoJvmIsOneLineAndStatusOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AttachCommand.run(new String[] {"detach", String.valueOf(Integer.MAX_VALUE)},
                print(new ByteArrayOutputStream()), print(err));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("crosstalk: could not detach " + Integer.MAX_VALUE + " ("),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listNamesOtherJvmsNotItself() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, AttachCommand.run(new String[] {"list"}, print(out), print(new ByteArrayOutputStream())));
        String self = String.valueOf(ProcessHandle.current().pid());
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            assertTrue(line.isEmpty() || !line.startsWith(self + " "), line);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
