package dev.crosstalk.agent.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A findings file that is written for a week cannot fill the disk: it rolls, and old files are capped. */
class RollingFilesTest {

    @Test
    void jsonFileRollsAtItsSizeAndKeepsAFixedNumberOfOldFiles(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("findings.jsonl");
        LogbackOutputs outputs = new LogbackOutputs(1024, 2);
        Logger logger = outputs.jsonLogger(json.toString());
        String line = "x".repeat(200);
        // Logback checks the size behind a time gate, so write in bursts with pauses between them.
        for (int burst = 0; burst < 60; burst++) {
            for (int i = 0; i < 10; i++) {
                logger.info(line);
            }
            Thread.sleep(40);
        }
        outputs.stop();
        assertTrue(Files.exists(json.resolveSibling("findings.jsonl.1")), "rolled over once at least");
        assertTrue(Files.exists(json.resolveSibling("findings.jsonl.2")), "and twice");
        assertFalse(Files.exists(json.resolveSibling("findings.jsonl.3")), "no more old files than asked for");
        long total = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                total += Files.size(p);
            }
        }
        // 600 lines of >200 bytes were written (>120 KB); what is kept is bounded by 3 files of ~1 KB each
        // (a file may overshoot by what was written between two size checks).
        assertTrue(total < 3 * 40 * 1024, "kept " + total + " bytes");
    }
}
