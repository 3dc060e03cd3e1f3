package dev.crosstalk.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP stream carries exactly the JSON file's events, line by line. */
class TcpJsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AgentInfo AGENT = AgentInfo.current();

    @Test
    void eventsAreTheJsonFilesObjectsOnePerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("findings.jsonl");
        LogbackOutputs logback = new LogbackOutputs(1 << 20, 1);
        try (LineServer server = new LineServer(0)) {
            JsonOutput json = new JsonOutput(logback.jsonLogger(file.toString()), Severity.INFO, AGENT);
            TcpJsonOutput tcp = new TcpJsonOutput("127.0.0.1", server.port(), 100, Severity.INFO, logback.jsonLines(),
                    AGENT);
            Finding f = finding("ct1-0123456789abcdef", Severity.ERROR);
            json.offer(f.snapshot());
            tcp.offer(f.snapshot());
            f.seenAgain();
            json.offer(f.snapshot());
            tcp.offer(f.snapshot());
            tcp.drain(2000);

            List<String> fileLines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> tcpLines = server.await(l -> l.size() >= 2);
            assertEquals(2, tcpLines.size(), "one line per event: " + tcpLines);
            for (int i = 0; i < 2; i++) {
                ObjectNode fromFile = (ObjectNode) JSON.readTree(fileLines.get(i));
                ObjectNode fromTcp = (ObjectNode) JSON.readTree(tcpLines.get(i));
                assertTrue(fromTcp.path("@timestamp").isTextual(), tcpLines.get(i));
                fromFile.remove("@timestamp");
                fromTcp.remove("@timestamp");
                assertEquals(fromFile, fromTcp, "event " + i + " on the TCP stream equals the file's");
            }
            assertEquals(List.of("new", "update"), List.of(JSON.readTree(tcpLines.get(0)).path("event").asText(),
                    JSON.readTree(tcpLines.get(1)).path("event").asText()));
        } finally {
            logback.stop();
        }
    }

    @Test
    void aResentEventIsMarkedAndEndsWithANewline() throws Exception {
        LogbackOutputs logback = new LogbackOutputs(1 << 20, 1);
        try (LineServer server = new LineServer(0)) {
            TcpJsonOutput tcp = new TcpJsonOutput("127.0.0.1", server.port(), 100, Severity.INFO, logback.jsonLines(),
                    AGENT);
            byte[] line = tcp.line(finding("ct1-00000000000000aa", Severity.WARNING), false, true);
            String text = new String(line, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("}\n") && text.indexOf('\n') == text.length() - 1, text);
            Map<?, ?> event = JSON.readValue(text, Map.class);
            assertEquals(List.of("update", true, "ct1-00000000000000aa"),
                    List.of(event.get("event"), event.get("resync"), event.get("fingerprint")));
            assertFalse(JSON.readValue(tcp.line(finding("ct1-00000000000000ab", Severity.WARNING), true, false),
                    Map.class).containsKey("resync"), "only re-sent events carry resync");
            tcp.drain(0);
        } finally {
            logback.stop();
        }
    }

    @Test
    void findingsBelowTheMinimumSeverityAreNotSent() throws Exception {
        LogbackOutputs logback = new LogbackOutputs(1 << 20, 1);
        try (LineServer server = new LineServer(0)) {
            TcpJsonOutput tcp = new TcpJsonOutput("127.0.0.1", server.port(), 100, Severity.WARNING,
                    logback.jsonLines(), AGENT);
            tcp.offer(finding("ct1-00000000000000b1", Severity.INFO).snapshot());
            tcp.offer(finding("ct1-00000000000000b2", Severity.ERROR).snapshot());
            tcp.drain(2000);
            List<String> lines = server.await(l -> !l.isEmpty());
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("ct1-00000000000000b2"), lines.get(0));
            assertEquals("", tcp.undelivered(), "nothing dropped or left unsent");
        } finally {
            logback.stop();
        }
    }

    static Finding finding(String fingerprint, Severity severity) {
        Evidence writer = new Evidence(3, "GET /remix", "remixer-16", null, "com.acme.Remixer.remix(Remixer.java:20)",
                List.of("com.acme.Remixer.remix(Remixer.java:20)"));
        Evidence reader = new Evidence(4, "GET /remix", "remixer-18", "s-0123456789ab",
                "com.acme.Remixer.remix(Remixer.java:22)", List.of("com.acme.Remixer.remix(Remixer.java:22)"));
        return new Finding(FindingType.CROSS_REQUEST_FLOW, severity, "com.acme.Remixer.cache[key#3f2a]", fingerprint,
                "Incompletely keyed cache: ...", writer, reader, Map.of("publishedAt", "somewhere"));
    }
}
