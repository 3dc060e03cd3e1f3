package dev.crosstalk.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The findings an agent wrote to a JSON-lines file, one event per line.
 *
 * <p>Every query re-reads the file, because the agent appends to it while the app runs. A missing file
 * reads as no events, and an unterminated last line is ignored while it does not parse, since the agent
 * may be halfway through writing it; a malformed complete line is an error.
 *
 * <p>The static forms of the queries work on a list already read, such as the one {@link #waitFor}
 * returns.
 */
public final class Findings {

    /** Severities from least to most severe. */
    public static final List<String> SEVERITIES = List.of("info", "warning", "error");

    // Trailing tokens would let a line holding one event and the start of the next pass as one event.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path file;

    public Findings(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Every event in the file, in file order. */
    public List<JsonNode> all() {
        return read(file);
    }

    /** The last event per {@code fingerprint}, keyed by fingerprint in order of first appearance. */
    public Map<String, JsonNode> latestByFingerprint() {
        return latestByFingerprint(all());
    }

    /** The events whose {@code type} is {@code type}. */
    public List<JsonNode> ofType(String type) {
        return ofType(all(), type);
    }

    /** The events whose {@code severity} is {@code severity} or more severe. */
    public List<JsonNode> atLeast(String severity) {
        return atLeast(all(), severity);
    }

    /**
     * Re-reads the file every 100 ms until {@code condition} holds for its events or {@code timeout}
     * passed, and answers the last read either way, so the caller's assertion shows what was there.
     */
    public List<JsonNode> waitFor(Predicate<List<JsonNode>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> events = all();
            if (condition.test(events) || System.nanoTime() - deadline >= 0) {
                return events;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return events;
            }
        }
    }

    /** The events of a JSON-lines file; see the class comment for what is tolerated. */
    public static List<JsonNode> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read findings " + file, e);
        }
        List<JsonNode> events = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean terminated = i < lines.length - 1;
            try {
                events.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                if (terminated) {
                    throw new IllegalStateException("Malformed findings line " + (i + 1) + " in " + file + ": "
                            + line, e);
                }
            }
        }
        return List.copyOf(events);
    }

    /** The last event per {@code fingerprint}; events without one are left out. */
    public static Map<String, JsonNode> latestByFingerprint(List<JsonNode> events) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        for (JsonNode event : events) {
            JsonNode fingerprint = event.get("fingerprint");
            if (fingerprint != null && !fingerprint.isNull()) {
                latest.put(fingerprint.asText(), event);
            }
        }
        return latest;
    }

    public static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText(null))).collect(Collectors.toList());
    }

    /** Events at {@code severity} or above; events with a missing or unknown severity never match. */
    public static List<JsonNode> atLeast(List<JsonNode> events, String severity) {
        int min = rank(severity);
        if (min < 0) {
            throw new IllegalArgumentException("Unknown severity '" + severity + "'; one of " + SEVERITIES);
        }
        return events.stream().filter(e -> rank(e.path("severity").asText("")) >= min).collect(Collectors.toList());
    }

    /** One line for assertion messages: {@code type severity state: writer -> reader}. */
    public static String describe(JsonNode event) {
        return field(event, "type") + " " + field(event, "severity") + " " + field(event, "state") + ": "
                + field(event.path("writer"), "label") + " -> " + field(event.path("reader"), "label");
    }

    /** {@link #describe} of each event, one per line, or "(no findings)". */
    public static String describe(Collection<JsonNode> events) {
        if (events.isEmpty()) {
            return "(no findings)";
        }
        return events.stream().map(Findings::describe).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static int rank(String severity) {
        return SEVERITIES.indexOf(severity.toLowerCase(Locale.ROOT));
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? "?" : value.asText();
    }
}
