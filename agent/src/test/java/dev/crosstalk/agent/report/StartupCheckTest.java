package dev.crosstalk.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each output is tried before the agent starts; the e2e tests show the lines on a real app. */
class StartupCheckTest {

    @Test
    void anUnwritableOutputIsLeftOutWithOneLineAndTheOthersStay(@TempDir Path dir) throws Exception {
        Path notADir = Files.write(dir.resolve("plain-file"), new byte[0]);
        String json = notADir.resolve("f.jsonl").toString();
        StartupCheck check = new StartupCheck("stderr", json, dir.resolve("reports").toString(), null, 0);
        assertEquals("stderr", check.text);
        assertNull(check.json);
        assertEquals(dir.resolve("reports").toString(), check.report);
        assertEquals(1, check.problems.size(), check.problems.toString());
        assertTrue(check.problems.get(0).startsWith("crosstalk: option 'json': cannot write " + json + " ("),
                check.problems.get(0));
        assertFalse(check.nothingWritable());
        assertFalse(Files.exists(dir.resolve("reports").resolve(".crosstalk-write-check")), "the probe is removed");
    }

    @Test
    void whenNoOutputCanBeWrittenTheAgentStaysOff(@TempDir Path dir) throws Exception {
        StartupCheck check = new StartupCheck("/proc/forbidden.txt", "/proc/nope/f.jsonl", "/proc/nope", null, 0);
        assertEquals(3, check.problems.size(), check.problems.toString());
        assertTrue(check.nothingWritable());
        StartupCheck host = new StartupCheck(null, null, null, "no-such-host.invalid", 5000);
        assertTrue(host.nothingWritable(), host.problems.toString());
        assertTrue(host.problems.get(0).startsWith("crosstalk: option 'json-tcp': cannot send to no-such-host.invalid:5000"));
        assertFalse(new StartupCheck(null, null, null, null, 0).nothingWritable(), "nothing configured is not a failure");
    }
}
