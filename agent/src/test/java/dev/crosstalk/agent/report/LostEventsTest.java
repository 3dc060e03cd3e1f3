package dev.crosstalk.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Once a failing file writes again, it gets the latest event of each finding it lost, so it holds them all. */
class LostEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLatestEventOfEachLostFindingIsWrittenAgainMarkedResyncAndCountedOnce(@TempDir Path dir) throws Exception {
        Path sub = dir.resolve("sub");
        Path file = sub.resolve("findings.jsonl");
        AtomicLong clock = new AtomicLong(1_000_000);
        List<String> said = new ArrayList<>();
        WriteTrouble trouble = new WriteTrouble("json", file.toString(), "events", said::add, clock::get);
        LogbackOutputs logback = new LogbackOutputs(1 << 20, 1);
        JsonOutput json = new JsonOutput(logback.jsonLogger(file.toString(), trouble), Severity.INFO,
                AgentInfo.current(), trouble);
        Finding a = TcpJsonOutputTest.finding("ct1-000000000000000a", Severity.ERROR);
        Finding b = TcpJsonOutputTest.finding("ct1-000000000000000b", Severity.ERROR);
        json.offer(a.snapshot());
        Files.delete(file); // the open file is noticed gone at the next write
        Files.delete(sub);
        Files.write(sub, new byte[0]); // the directory is now a file: nothing can be written
        json.offer(b.snapshot()); // b's new event: lost
        a.seenAgain();
        json.offer(a.snapshot()); // a's update: not attempted within the retry interval, counted
        b.seenAgain();
        json.offer(b.snapshot()); // b again: the lost event to write later stays b's full one
        assertEquals(3, trouble.notWritten());
        Files.delete(sub);
        clock.addAndGet(WriteTrouble.RETRY_MILLIS);
        a.seenAgain();
        json.offer(a.snapshot());
        logback.stop();

        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode e = JSON.readTree(line);
            lines.add(e.path("fingerprint").asText().substring(19) + " " + e.path("event").asText() + " "
                    + e.path("count").asLong() + (e.path("resync").asBoolean() ? " resync" : ""));
        }
        assertEquals(List.of("a update 3", "b new 2 resync"), lines, "a's latest, then b in full with its latest count");
        assertEquals(3, trouble.notWritten(), "second tries are not counted again");
        assertEquals(2, said.size(), said.toString());
    }
}
