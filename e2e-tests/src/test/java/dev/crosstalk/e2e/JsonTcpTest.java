package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.LineListener;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code json-tcp}: the findings reach a TCP input that dies in the middle of the run and comes back on the
 * same port, within the guarantee of docs/findings.md: the input ends up with every finding of the JSON
 * file and its final count; per finding, counts never go back, 'new' comes at most once and first, and an
 * event is repeated only as a re-sent ({@code "resync": true}) copy of one sent before.
 */
class JsonTcpTest {

    private static final String APP = "remixer";
    private static final String PKG = "dev.crosstalk.testapps.remixer.";
    private static final String TEMPO_LABELS = PKG + "TempoServlet.TEMPO_LABELS";
    private static final String FIXED_CACHE = PKG + "FixedPatternRemixer.sampleCache";
    private static final String SAMPLE_CACHE = PKG + "PatternRemixer.sampleCache";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void everyFindingReachesAnInputThatWasKilledAndCameBack(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        Findings file = new Findings(json);
        List<LineListener> inputs = new ArrayList<>(); // the first input, then the one that came back
        try {
            inputs.add(LineListener.open(0));
            int port = inputs.get(0).port();
            int requests = 0;
            AppProcess app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json, "json-tcp=127.0.0.1:" + port));
            try (app) {
                // 1. The input is up: two info findings, the tempo labels and the fixed remixer's cache.
                for (String path : List.of("/tempo?song=0", "/tempo?song=0", "/fixed/remix?song=0",
                        "/fixed/remix?song=0")) {
                    get200(app, path);
                    requests++;
                }
                List<JsonNode> events = file.waitFor(ev -> on(ev, TEMPO_LABELS) != null
                        && on(ev, FIXED_CACHE) != null, E2e.WAIT);
                assertTrue(on(events, TEMPO_LABELS) != null && on(events, FIXED_CACHE) != null,
                        why("the tempo label and fixed cache findings in the file", app, events));
                awaitInSync(app, file, inputs, "the first input");
                long fixedBefore = on(file.all(), FIXED_CACHE).path("count").asLong();

                // 2. The input dies; the seed error appears and the fixed cache counts up while it is away.
                inputs.get(0).close();
                Instant killed = Instant.now().truncatedTo(ChronoUnit.MILLIS); // lastSeen has milliseconds
                get200(app, "/remix?song=0");
                post200(app, "/reset");
                get200(app, "/remix?song=1");
                get200(app, "/remix?song=0");
                get200(app, "/fixed/remix?song=0");
                requests += 5;
                events = file.waitFor(ev -> on(ev, SAMPLE_CACHE) != null && seenSince(on(ev, FIXED_CACHE), killed),
                        E2e.WAIT);
                assertTrue(on(events, SAMPLE_CACHE) != null, why("the seed error in the file", app, events));
                assertTrue(seenSince(on(events, FIXED_CACHE), killed) && on(events, FIXED_CACHE).path("count")
                        .asLong() > fixedBefore, why("the fixed cache counted up from " + fixedBefore + " while the"
                        + " input was away (an update last seen after " + killed + ")", app, events));

                // 3. An input comes back on the same port and catches up; more happens while it is up.
                inputs.add(LineListener.open(port));
                awaitInSync(app, file, inputs, "the input that came back");
                long tempoBefore = on(file.all(), TEMPO_LABELS).path("count").asLong();
                Instant back = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                for (String path : List.of("/remix?song=1", "/remix?song=0", "/tempo?song=0")) {
                    get200(app, path);
                    requests++;
                }
                events = file.waitFor(ev -> seenSince(on(ev, TEMPO_LABELS), back), E2e.WAIT);
                assertTrue(seenSince(on(events, TEMPO_LABELS), back) && on(events, TEMPO_LABELS).path("count")
                        .asLong() > tempoBefore, why("the tempo labels counted up from " + tempoBefore + " after the"
                        + " input came back", app, events));
            }
            app.stopGracefully();
            assertReceivedWithinTheGuarantee(app, file.all(), requests, inputs.get(0), inputs.get(1));
        } finally {
            inputs.forEach(LineListener::close);
        }
    }

    /**
     * An input that never comes costs the application nothing: requests are served, the JVM exits after at
     * most the 2 s the agent gives the input, and the summary line counts every event that was not sent.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void anInputThatNeverComesIsCountedInTheSummary(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free once closed: nothing listens there during the run
        }
        AppProcess app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json, "json-tcp=127.0.0.1:" + port,
                "json-tcp-buffer=1"));
        List<String> paths = List.of("/tempo?song=0", "/tempo?song=0", "/remix?song=0", "/reset", "/remix?song=1",
                "/remix?song=0");
        long stopMillis;
        try (app) {
            for (String path : paths) {
                if (path.equals("/reset")) {
                    post200(app, path);
                } else {
                    get200(app, path);
                }
            }
            List<JsonNode> events = new Findings(json).waitFor(ev -> on(ev, SAMPLE_CACHE) != null
                    && on(ev, TEMPO_LABELS) != null, E2e.WAIT);
            assertTrue(on(events, SAMPLE_CACHE) != null && on(events, TEMPO_LABELS) != null,
                    why("the seed error and the tempo labels in the file", app, events));
            long start = System.nanoTime();
            app.stopGracefully();
            stopMillis = (System.nanoTime() - start) / 1_000_000;
        }
        List<JsonNode> events = Findings.read(json);
        E2e.assertCommonChecks(app, events, paths.size());
        assertTrue(stopMillis < 10_000, why("the JVM exited " + stopMillis + " ms after SIGTERM", app, events));
        String summary = E2e.summary(app, events).line();
        Matcher m = Pattern.compile("; JSON events for 127\\.0\\.0\\.1:" + port + ": (\\d+) dropped"
                + " \\(json-tcp-buffer full\\), (\\d+) not sent at exit; ").matcher(summary);
        assertTrue(m.find(), why("the summary says what the TCP output did not deliver: " + summary, app, events));
        long dropped = Long.parseLong(m.group(1));
        long unsent = Long.parseLong(m.group(2));
        // The file got every event, the TCP output was offered the same ones, and its buffer held one.
        assertEquals(List.of((long) events.size() - 1, 1L), List.of(dropped, unsent), why("[dropped, not sent at"
                + " exit] for the " + events.size() + " events of the file: " + summary, app, events));
    }

    private static void assertReceivedWithinTheGuarantee(AppProcess app, List<JsonNode> fileEvents, int requests,
            LineListener first, LineListener back) throws InterruptedException {
        assertTrue(back.awaitEnded(E2e.WAIT), "the agent closed its connection at exit: " + back.connections());
        E2e.assertCommonChecks(app, fileEvents, requests);
        assertEquals(3, E2e.latest(fileEvents).size(), why("three findings in the file", app, fileEvents));
        String summary = E2e.summary(app, fileEvents).line();
        assertFalse(summary.contains("JSON events for"), why("the summary reports no event dropped or left"
                + " unsent: " + summary, app, fileEvents));

        List<JsonNode> beforeKill = parse(app, first);
        List<JsonNode> afterKill = parse(app, back);
        assertEquals(1, back.connections().size(), why("one connection to the input that came back: "
                + back.connections(), app, afterKill));
        List<JsonNode> received = new ArrayList<>(beforeKill);
        received.addAll(afterKill);
        E2e.assertWellFormed(app, received);
        assertTrue(beforeKill.stream().noneMatch(JsonTcpTest::resent), why("the first connection has no re-sent"
                + " events", app, beforeKill));
        assertResyncFirst(app, afterKill);
        assertLatestEqualsFile(app, received, fileEvents);
        assertOnlyAllowedRepeats(app, received);
        assertEveryEventIsOneTheFileHas(app, received, fileEvents);
    }

    /** Waits until the inputs' latest event per fingerprint says what the file's says; fails if it does not. */
    private static void awaitInSync(AppProcess app, Findings file, List<LineListener> inputs, String which)
            throws InterruptedException {
        BooleanSupplier inSync = () -> states(file.all()).equals(states(received(inputs)));
        long deadline = System.nanoTime() + E2e.WAIT.toNanos();
        while (!inSync.getAsBoolean() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        if (!inSync.getAsBoolean()) {
            fail(why(which + " holds every finding of the file with its latest count and severity; file: "
                    + states(file.all()) + ", input: " + states(received(inputs)), app, received(inputs)).get());
        }
    }

    /** The events every input received so far, skipping lines that do not parse (checked at the end). */
    private static List<JsonNode> received(List<LineListener> inputs) {
        List<JsonNode> events = new ArrayList<>();
        for (LineListener input : inputs) {
            for (String line : input.lines()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    // assertWellFormed-style checks at the end report it
                }
            }
        }
        return events;
    }

    /** Fingerprint to "count severity" of the latest event of each. */
    private static Map<String, String> states(List<JsonNode> events) {
        Map<String, String> out = new LinkedHashMap<>();
        Findings.latestByFingerprint(events).forEach((fp, e) -> out.put(fp, e.path("count").asLong() + " "
                + text(e, "severity")));
        return out;
    }

    /** Every line of every connection of {@code input} as JSON; fails on a line that does not parse or is cut. */
    private static List<JsonNode> parse(AppProcess app, LineListener input) {
        List<JsonNode> events = new ArrayList<>();
        for (LineListener.Connection c : input.connections()) {
            assertEquals("", c.unterminated(), why("no line cut short on a connection", app, events));
            for (String line : c.lines()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    fail(why("a malformed line from the agent: " + line, app, events).get());
                }
            }
        }
        return events;
    }

    private static boolean resent(JsonNode e) {
        return e.path("resync").asBoolean(false);
    }

    /**
     * The input that came back got one connection, which starts with re-sent events (the tempo labels were
     * sent before the kill and not written since, so at least that one) and has none after the others began.
     */
    private static void assertResyncFirst(AppProcess app, List<JsonNode> events) {
        assertTrue(!events.isEmpty() && resent(events.get(0)), why("the connection after the restart starts with a"
                + " re-sent event", app, events));
        int firstOther = 0;
        while (firstOther < events.size() && resent(events.get(firstOther))) {
            firstOther++;
        }
        assertTrue(events.subList(firstOther, events.size()).stream().noneMatch(JsonTcpTest::resent),
                why("re-sent events only before the others", app, events));
        for (JsonNode e : events.subList(0, firstOther)) {
            assertTrue(e.path("resync").isBoolean(), why("resync is a JSON boolean", app, events, e));
        }
    }

    /** The input holds every fingerprint of the file, and its last event of each has the file's final state. */
    private static void assertLatestEqualsFile(AppProcess app, List<JsonNode> received, List<JsonNode> fileEvents) {
        assertEquals(states(fileEvents), states(received), why("fingerprint -> final 'count severity' in the file"
                + " (expected) and the last one the input received", app, received));
    }

    /**
     * Per fingerprint, in the order received: counts never go back; 'new' only once and only as the first
     * event; an event with the count and severity of an earlier one is a re-sent copy.
     */
    private static void assertOnlyAllowedRepeats(AppProcess app, List<JsonNode> received) {
        Map<String, List<JsonNode>> byFingerprint = new LinkedHashMap<>();
        received.forEach(e -> byFingerprint.computeIfAbsent(text(e, "fingerprint"), k -> new ArrayList<>()).add(e));
        byFingerprint.forEach((fp, events) -> {
            Set<String> seen = new HashSet<>();
            long count = 0;
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                assertTrue(!"new".equals(text(e, "event")) || i == 0, why("'new' only as the first event of " + fp,
                        app, events, e));
                assertTrue(e.path("count").asLong() >= count, why("the count of " + fp + " never goes back",
                        app, events, e));
                count = e.path("count").asLong();
                boolean repeated = !seen.add(e.path("count").asLong() + " " + text(e, "severity"));
                assertTrue(!repeated || resent(e), why("a repeated count and severity of " + fp + " is a re-sent"
                        + " copy", app, events, e));
            }
        });
    }

    /**
     * Each received event says what one of the file's events says (the same finding at the same count,
     * severity, time and message), so nothing is invented; events not re-sent also agree on new/update.
     */
    private static void assertEveryEventIsOneTheFileHas(AppProcess app, List<JsonNode> received,
            List<JsonNode> fileEvents) {
        Set<String> inFile = fileEvents.stream().map(e -> identity(e, true)).collect(Collectors.toSet());
        Set<String> statesInFile = fileEvents.stream().map(e -> identity(e, false)).collect(Collectors.toSet());
        for (JsonNode e : received) {
            assertTrue(statesInFile.contains(identity(e, false)), why("the file has an event with this state",
                    app, received, e));
            assertTrue(resent(e) || inFile.contains(identity(e, true)), why("the file has this event, new or"
                    + " update alike", app, received, e));
        }
    }

    private static String identity(JsonNode e, boolean withKind) {
        return (withKind ? text(e, "event") + " " : "") + text(e, "fingerprint") + " " + e.path("count").asLong()
                + " " + text(e, "severity") + " " + text(e, "lastSeen") + " " + text(e, "message");
    }

    /** Whether {@code event} counts an occurrence at or after {@code since}. */
    private static boolean seenSince(JsonNode event, Instant since) {
        return event != null && !Instant.parse(event.path("lastSeen").asText()).isBefore(since);
    }

    /** The latest event of the finding on {@code field} (or one of its keys), or null. */
    private static JsonNode on(List<JsonNode> events, String field) {
        return E2e.latest(events).stream().filter(e -> field.equals(E2e.stateField(e))).findFirst().orElse(null);
    }
}
