package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.harness.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the output tests compare between outputs: each finding event as {@code fingerprint#count},
 * read from JSON lines or from the text output (a block's closing line or an update line), and the
 * agent's own lines on stderr.
 */
final class OutputEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A block's last line, {@code   fingerprint ct1-…, seen 3 times, first at …}. */
    private static final Pattern BLOCK_END = Pattern.compile("^  fingerprint (ct1-[0-9a-f]{16}), seen (\\d+) times?, ");
    /** An update line, {@code crosstalk ERROR type: state seen 3 times (fingerprint ct1-…, last at …)}. */
    private static final Pattern UPDATE = Pattern.compile("^crosstalk [A-Z]+ .* seen (\\d+) times? \\(fingerprint"
            + " (ct1-[0-9a-f]{16}), last at ");

    private OutputEvents() {
    }

    /** The events of text output, in order, as {@code fingerprint#count}. */
    static List<String> ofText(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher block = BLOCK_END.matcher(line);
            Matcher update = UPDATE.matcher(line);
            if (block.find()) {
                out.add(block.group(1) + "#" + block.group(2));
            } else if (update.find()) {
                out.add(update.group(2) + "#" + update.group(1));
            }
        }
        return out;
    }

    /** JSON events (file or TCP) as {@code fingerprint#count}. */
    static List<String> ofJson(List<JsonNode> events) {
        return events.stream().map(e -> e.path("fingerprint").asText() + "#" + e.path("count").asLong())
                .collect(Collectors.toList());
    }

    /** Complete JSON lines as received (TCP). */
    static List<JsonNode> parse(List<String> lines) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return out;
    }

    /** The lines of the app's stderr that start with {@code start}. */
    static List<String> stderrLines(AppProcess app, String start) {
        return app.stderr().lines().filter(l -> l.startsWith(start)).collect(Collectors.toList());
    }

    /** Asserts exactly one stderr line starts with {@code start} and returns it. */
    static String oneStderrLine(AppProcess app, String start) {
        List<String> lines = stderrLines(app, start);
        assertEquals(1, lines.size(), E2e.why("one line starting with '" + start + "' on stderr, found " + lines, app,
                List.of()));
        return lines.get(0);
    }

    /** Runs {@code traffic} until {@code done} holds, for at most {@link E2e#WAIT}; false if it never did. */
    static boolean drive(Runnable traffic, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + E2e.WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            traffic.run();
            Thread.sleep(50);
        }
        return true;
    }
}
