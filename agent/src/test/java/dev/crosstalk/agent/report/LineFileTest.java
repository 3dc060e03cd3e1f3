package dev.crosstalk.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The findings file under rotation by others and under write failures; the e2e tests do the same with logrotate. */
class LineFileTest {
    private final List<String> said = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private LineFile file(Path path) {
        return new LineFile(path, 1L << 20, 3, new WriteTrouble("json", path.toString(), "events", said::add, clock::get));
    }

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path p) throws Exception {
        return Files.readAllLines(p);
    }

    @Test
    void afterAMoveAwayLinesGoToTheNewFileAndTheMovedOneKeepsWhatCameBefore(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f.jsonl");
        LineFile file = file(f);
        file.write(line("a"));
        file.write(line("b"));
        Files.move(f, dir.resolve("f.jsonl.1"));
        Files.createFile(f); // logrotate's create
        file.write(line("c"));
        Files.move(f, dir.resolve("f.jsonl.2"));
        file.write(line("d")); // no new file made by anyone: the agent makes it
        file.close();
        assertEquals(List.of("a", "b"), lines(dir.resolve("f.jsonl.1")));
        assertEquals(List.of("c"), lines(dir.resolve("f.jsonl.2")));
        assertEquals(List.of("d"), lines(f));
        assertEquals(List.of(), said, "rotation is not a failure");
    }

    @Test
    void linesWrittenBetweenCopyAndTruncateAreWrittenAgainAfterTheCut(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f.jsonl");
        LineFile file = file(f);
        file.write(line("a"));
        file.write(line("b"));
        Files.copy(f, dir.resolve("f.jsonl.1"));
        file.write(line("c")); // after the copy, before the cut: in neither file unless written again
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        file.write(line("d"));
        file.close();
        List<String> copy = lines(dir.resolve("f.jsonl.1"));
        List<String> now = lines(f);
        assertEquals(List.of("a", "b"), copy);
        assertTrue(now.contains("c") && now.contains("d"), "c is written again after the cut: " + now);
        assertEquals(now.size(), now.stream().distinct().count(), "nothing twice in one file: " + now);
        assertEquals("d", now.get(now.size() - 1), now.toString());
    }

    @Test
    void aFileThatCannotBeWrittenIsSaidOnceCountedRetriedAtABoundedRateAndRecovers(@TempDir Path dir) throws Exception {
        Path sub = dir.resolve("sub");
        Path f = sub.resolve("f.jsonl");
        LineFile file = file(f);
        file.write(line("a"));
        file.close();
        // the directory is replaced by a file: the path cannot be written, whoever we are
        Files.delete(f);
        Files.delete(sub);
        Files.write(sub, new byte[0]);
        for (int i = 0; i < 5; i++) {
            file.write(line("lost" + i));
        }
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("crosstalk: option 'json': cannot write " + f + " ("), said.get(0));
        Files.delete(sub);
        file.write(line("skipped")); // within the retry interval: not attempted, counted
        clock.addAndGet(WriteTrouble.RETRY_MILLIS);
        file.write(line("b"));
        file.close();
        assertEquals(List.of("b"), lines(f));
        assertEquals(2, said.size(), said.toString());
        assertTrue(said.get(1).startsWith("crosstalk: option 'json': writing " + f + " again; 6 events not written"
                + " so far ("), said.get(1));
    }

    /** The reporter thread is interrupted at shutdown, possibly while it writes: the file must not close. */
    @Test
    void aWriteFromAnInterruptedThreadIsWrittenAndTheNextOneToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f.jsonl");
        LineFile file = file(f);
        file.write(line("a"));
        Thread.currentThread().interrupt();
        try {
            file.write(line("b"));
        } finally {
            Thread.interrupted();
        }
        file.write(line("c"));
        file.close();
        assertEquals(List.of("a", "b", "c"), lines(f));
        assertEquals(List.of(), said);
    }

    @Test
    void builtInRollingKeepsItsFixedWindow(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("f.jsonl");
        LineFile file = new LineFile(f, 10, 2, new WriteTrouble("json", f.toString(), "events", said::add));
        for (String s : List.of("11111", "22222", "33333", "44444")) {
            file.write(line(s));
        }
        file.close();
        assertEquals(List.of("44444"), lines(f));
        assertEquals(List.of("33333"), lines(dir.resolve("f.jsonl.1")));
        assertEquals(List.of("22222"), lines(dir.resolve("f.jsonl.2")));
        assertTrue(!Files.exists(dir.resolve("f.jsonl.3")));
    }
}
