package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.why;
import static dev.crosstalk.e2e.RemixerBugs.APP;
import static dev.crosstalk.e2e.RemixerBugs.KITS;
import static dev.crosstalk.e2e.RemixerBugs.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.LineListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's {@code logrotate} rotates the JSON and the text findings files of a running remixer while
 * a client keeps sending requests: after rotation both files keep receiving events, no event is twice
 * in one file, and none is lost between the rotated file and the new one. The JSON events sent over
 * TCP at the same time are the reference of what was written.
 */
class LogRotationTest {
    private static final String LOGROTATE = "/usr/sbin/logrotate";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void createModeMovesTheFilesAwayAndTheAgentWritesToTheNewOnes(Jdk jdk, @TempDir Path dir) throws Exception {
        rotateDuringTraffic(jdk, dir, "create");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void copytruncateModeCutsTheFilesAndTheAgentWritesFromTheStart(Jdk jdk, @TempDir Path dir) throws Exception {
        rotateDuringTraffic(jdk, dir, "copytruncate");
    }

    private static void rotateDuringTraffic(Jdk jdk, Path dir, String mode) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path json = logs.resolve(E2e.FINDINGS_FILE);
        Path text = logs.resolve("findings.txt");
        Path config = Files.writeString(dir.resolve("logrotate.conf"), json + " " + text + " {\n  " + mode
                + "\n  rotate 3\n  missingok\n}\n");
        List<JsonNode> reference;
        AppProcess app;
        AtomicInteger failures = new AtomicInteger();
        try (LineListener tcp = LineListener.open(0)) {
            app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json, "text=" + text, "text-severity=info",
                    "json-tcp=127.0.0.1:" + tcp.port()));
            AtomicBoolean stop = new AtomicBoolean();
            Thread traffic = new Thread(() -> {
                long deadline = System.nanoTime() + E2e.WAIT.toNanos() * 3;
                while (!stop.get() && System.nanoTime() < deadline) {
                    try {
                        get200(app, "/remix?song=1");
                        get200(app, "/remix?song=0");
                    } catch (Throwable t) {
                        failures.incrementAndGet();
                    }
                }
            }, "traffic");
            try (app) {
                RemixerBugs.sampleCacheBug(app, SEED);
                Findings findings = new Findings(json);
                traffic.start();
                await(app, findings, e -> e.size() >= 4, "the seed's events and updates while the client sends");
                String out = TmpfsMount.run(LOGROTATE, "-f", "-s", dir.resolve("logrotate.state").toString(),
                        config.toString());
                assertTrue(Files.exists(rotated(json)) && Files.exists(rotated(text)), "logrotate rotated: " + out);
                // Updates keep coming during traffic: the new files receive them.
                await(app, findings, e -> e.size() >= 2, "updates in the new file");
                RemixerBugs.kitReload(app); // a new finding after rotation, in the new files only
                await(app, findings, e -> !Findings.ofType(e, "publish-then-populate").isEmpty(), "the kit reload");
                stop.set(true);
                traffic.join();
                app.stopGracefully();
            }
            assertTrue(tcp.awaitEnded(E2e.WAIT), "the agent closed its TCP connection at exit");
            reference = OutputEvents.parse(tcp.lines());
        }
        assertEquals(0, failures.get(), why("every request of the client answered 200", app, reference));
        assertFalse(reference.stream().anyMatch(e -> e.path("resync").asBoolean()), "the TCP input never went away");
        Set<String> all = new TreeSet<>(OutputEvents.ofJson(reference));
        assertEquals(reference.size(), all.size(), "one event per finding and count: " + OutputEvents.ofJson(reference));

        List<String> jsonBefore = OutputEvents.ofJson(Findings.read(rotated(json)));
        List<String> jsonAfter = OutputEvents.ofJson(Findings.read(json));
        checkPair("JSON", jsonBefore, jsonAfter, all, app, reference);
        List<String> textBefore = OutputEvents.ofText(Files.readString(rotated(text), StandardCharsets.UTF_8));
        List<String> textAfter = OutputEvents.ofText(Files.readString(text, StandardCharsets.UTF_8));
        checkPair("text", textBefore, textAfter, all, app, reference);

        String kits = Findings.ofType(reference, "publish-then-populate").get(0).path("fingerprint").asText();
        assertTrue(jsonAfter.contains(kits + "#1") && textAfter.contains(kits + "#1"), "the finding made after"
                + " rotation is in the new files");
        assertFalse(jsonBefore.contains(kits + "#1") || textBefore.contains(kits + "#1"), "and not in the rotated ones");
        assertTrue(Files.readString(text).contains("publish-then-populate: " + KITS));
        assertTrue(Files.readString(text).contains(" findings ("), "the summary line is in the new text file");
        assertEquals(List.of(), OutputEvents.stderrLines(app, "crosstalk: option "), "rotation is not a failure");
    }

    private static void await(AppProcess app, Findings findings, java.util.function.Predicate<List<JsonNode>> condition,
            String what) {
        List<JsonNode> events = findings.waitFor(condition, E2e.WAIT);
        assertTrue(condition.test(events), why(what + " in " + findings.file(), app, events));
    }

    /** Each file has no event twice, both have events, and together they hold every event of the reference. */
    private static void checkPair(String what, List<String> before, List<String> after, Set<String> all,
            AppProcess app, List<JsonNode> reference) {
        assertEquals(before.size(), new HashSet<>(before).size(), what + ": no event twice in the rotated file " + before);
        assertEquals(after.size(), new HashSet<>(after).size(), what + ": no event twice in the new file " + after);
        assertFalse(before.isEmpty() || after.isEmpty(), what + ": both files have events: " + before + " / " + after);
        Set<String> union = new TreeSet<>(before);
        union.addAll(after);
        List<String> missing = new ArrayList<>(all);
        missing.removeAll(union);
        assertEquals(List.of(), missing, why(what + ": events in neither file", app, reference));
        assertEquals(all, union, what + ": the files hold the events sent over TCP, no others");
    }

    private static Path rotated(Path file) {
        return file.resolveSibling(file.getFileName() + ".1");
    }
}
