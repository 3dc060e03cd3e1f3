package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.why;
import static dev.crosstalk.e2e.OutputEvents.drive;
import static dev.crosstalk.e2e.OutputEvents.oneStderrLine;
import static dev.crosstalk.e2e.OutputEvents.stderrLines;
import static dev.crosstalk.e2e.RemixerBugs.APP;
import static dev.crosstalk.e2e.RemixerBugs.KITS;
import static dev.crosstalk.e2e.RemixerBugs.SEED;
import static dev.crosstalk.e2e.RemixerBugs.SEED_CACHE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.LineListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outputs that cannot be written, at start and during the run, on the remixer (Jetty 12): each says
 * so once with its option, path and reason, what it could not write is counted in the summary line
 * and the report, and the other outputs still carry every finding.
 */
class OutputFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEFT_OUT = "; the agent runs without this output";

    /** Root cannot write under /proc, into a path whose "directory" is a file, nor on a read-only mount. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void outputsThatCannotBeWrittenAtStartAreNamedAndTheAgentRunsWithTheOthers(Jdk jdk, @TempDir Path dir)
            throws Exception {
        Path notADirectory = Files.write(dir.resolve("plain-file"), new byte[0]);
        String json = notADirectory.resolve("findings.jsonl").toString();
        AppProcess app;
        try (TmpfsMount readOnly = TmpfsMount.at(dir.resolve("read-only"), "ro,size=64k");
                LineListener tcp = LineListener.open(0)) {
            app = E2e.start(jdk, APP, dir, String.join(",", "text=/proc/forbidden.txt", "json=" + json,
                    "report=" + readOnly.dir(), "json-tcp=127.0.0.1:" + tcp.port(), E2e.UPDATE_INTERVAL));
            int requests;
            try (app) {
                requests = RemixerBugs.sampleCacheBug(app, SEED);
                assertTrue(drive(() -> { }, () -> seedErrors(OutputEvents.parse(tcp.lines())) > 0),
                        why("the seed's error over TCP", app, OutputEvents.parse(tcp.lines())));
                app.stopGracefully();
            }
            assertTrue(tcp.awaitEnded(E2e.WAIT), "the agent closed its TCP connection at exit");
            List<JsonNode> events = OutputEvents.parse(tcp.lines());
            assertTrue(oneStderrLine(app, "crosstalk: option 'text': cannot write /proc/forbidden.txt (")
                    .endsWith(LEFT_OUT));
            String jsonLine = oneStderrLine(app, "crosstalk: option 'json': cannot write " + json + " (");
            assertTrue(jsonLine.contains(notADirectory.toString()) && jsonLine.endsWith(LEFT_OUT), jsonLine);
            assertEquals("crosstalk: option 'report': cannot write " + readOnly.dir() + " (Read-only file system)"
                    + LEFT_OUT, oneStderrLine(app, "crosstalk: option 'report': "));
            // The text file was left out: the agent's own lines go to stderr, naming only what is written.
            String banner = oneStderrLine(app, "crosstalk 0");
            assertTrue(banner.contains("JSON lines over TCP to 127.0.0.1:" + tcp.port()) && !banner.contains("JSON lines to")
                    && !banner.contains("reports in") && !banner.contains("as text"), banner);
            E2e.assertCommonChecks(app, events, requests);
            assertEquals(1, seedErrors(events), why("the seed's error, new once, over TCP", app, events));
            try (var files = Files.list(readOnly.dir())) {
                assertEquals(0, files.count(), "nothing in the read-only directory");
            }
        }
        assertFalse(Files.exists(Path.of("/proc/forbidden.txt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void whenNoOutputCanBeWrittenTheAgentSaysItStaysOffAndTheAppRuns(Jdk jdk, @TempDir Path dir) throws Exception {
        AppProcess app = E2e.start(jdk, APP, dir, "text=/proc/forbidden.txt,json=/proc/nope/f.jsonl,report=/proc/nope");
        try (app) {
            RemixerBugs.sampleCacheBug(app, SEED); // the app works, bug included
            app.stopGracefully();
        }
        for (String option : List.of("text", "json", "report")) {
            assertTrue(oneStderrLine(app, "crosstalk: option '" + option + "': cannot write /proc/").endsWith(LEFT_OUT));
        }
        oneStderrLine(app, "crosstalk: no output can be written (see the lines above); the agent is off, the"
                + " application runs without it");
        assertEquals(List.of(), stderrLines(app, "crosstalk 0"), "no banner: the agent is off");
        assertFalse(app.stderr().contains(" findings ("), why("no summary line: the agent is off", app, List.of()));
    }

    /**
     * A real full disk: a 64 KB tmpfs holds the JSON file, the test fills it, drives findings, then frees
     * it. The text output (every event, at info) and the report carry every finding; the JSON file has
     * exactly the events it did not count as not written.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void aFullDiskIsSaidOnceCountedAndRecoveredFromWhileTheOtherOutputsCarryEveryFinding(Jdk jdk, @TempDir Path dir)
            throws Exception {
        Path reports = dir.resolve("reports");
        AppProcess app;
        Path json;
        try (TmpfsMount disk = TmpfsMount.at(dir.resolve("small-disk"), "size=64k")) {
            json = disk.dir().resolve(E2e.FINDINGS_FILE);
            Findings findings = new Findings(json);
            app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json, "text-severity=info", "report=" + reports));
            String failing = "crosstalk: option 'json': cannot write " + json + " (No space left on device)";
            String again = "crosstalk: option 'json': writing " + json + " again; ";
            try (app) {
                RemixerBugs.sampleCacheBug(app, SEED);
                assertTrue(seedErrors(findings.waitFor(e -> seedErrors(e) > 0, E2e.WAIT)) > 0, why("the seed's error", app));
                Path filler = disk.fill("filler");
                Runnable traffic = () -> {
                    get200(app, "/remix?song=1");
                    get200(app, "/remix?song=0");
                };
                assertTrue(drive(traffic, () -> !stderrLines(app, failing).isEmpty()), why("'" + failing
                        + "' while the disk is full", app));
                RemixerBugs.kitReload(app); // a new finding while the disk is full
                assertTrue(drive(() -> { }, () -> app.stderr().contains("crosstalk ERROR publish-then-populate: " + KITS)),
                        why("the kit reload in the text output", app));
                Files.delete(filler);
                assertTrue(drive(traffic, () -> !stderrLines(app, again).isEmpty()), why("'" + again
                        + "' once the disk has room", app));
                app.stopGracefully();
            }
            List<JsonNode> written = Findings.read(json);
            List<JsonNode> asTheyHappened = written.stream().filter(e -> !e.path("resync").asBoolean())
                    .collect(Collectors.toList());
            List<String> text = OutputEvents.ofText(app.stderr());
            assertEquals(1, stderrLines(app, "crosstalk: option 'json': cannot write ").size(), "said once per spell");
            assertEquals(1, stderrLines(app, again).size());
            E2e.Summary summary = E2e.summary(app, written);
            long notWritten = count(summary.line(), "json: (\\d+) events? not written \\(No space left on device\\)");
            assertTrue(notWritten > 0, summary.line());
            assertEquals(text.size(), asTheyHappened.size() + notWritten, why("every event offered to the JSON file"
                    + " was either written or counted: text has " + text.size() + ", " + summary.line(), app, written));
            assertEquals(0, summary.agentErrors(), summary.line());
            JsonNode report = JSON.readTree(reports.resolve("crosstalk-report.json").toFile());
            JsonNode counted = report.path("summary").path("notWritten").path("json");
            assertEquals(notWritten, counted.path("count").asLong(), report.path("summary").toString());
            assertEquals("No space left on device", counted.path("reason").asText());
            assertEquals(fingerprintsOf(text), reportFingerprints(report), "the report has every finding the text"
                    + " output carried");
            // Once it could write again, the JSON file got the latest event of each finding it had lost.
            Set<String> inJson = Findings.latestByFingerprint(written).keySet();
            assertEquals(fingerprintsOf(text), new TreeSet<>(inJson), why("every finding in the JSON file", app, written));
            assertEquals(1, Findings.ofType(written, "publish-then-populate").size(), why("the kit reload, lost while"
                    + " the disk was full, written once again afterwards", app, written));
            assertTrue(Findings.ofType(written, "publish-then-populate").get(0).path("resync").asBoolean());
        }
    }

    /** The directory of the JSON file and the reports is replaced by a file while the app runs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void aDirectoryReplacedDuringTheRunIsSaidOnceAndCountedPerOutput(Jdk jdk, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path json = out.resolve(E2e.FINDINGS_FILE);
        Path reports = out.resolve("reports");
        AppProcess app = E2e.start(jdk, APP, dir, E2e.jsonOptions(json, "text-severity=info", "report=" + reports));
        try (app) {
            String banner = oneStderrLine(app, "crosstalk 0");
            assertTrue(banner.endsWith(", reports in " + reports.toAbsolutePath().normalize()), banner);
            RemixerBugs.sampleCacheBug(app, SEED);
            assertTrue(seedErrors(new Findings(json).waitFor(e -> seedErrors(e) > 0, E2e.WAIT)) > 0,
                    why("the seed's error", app));
            try (var files = Files.walk(out)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
            Files.write(out, new byte[0]);
            RemixerBugs.kitReload(app);
            assertTrue(drive(() -> { }, () -> !stderrLines(app, "crosstalk: option 'json': cannot write ").isEmpty()),
                    why("the JSON file's failure said", app, List.of()));
            app.stopGracefully();
        }
        List<String> text = OutputEvents.ofText(app.stderr());
        String jsonLine = oneStderrLine(app, "crosstalk: option 'json': cannot write " + json + " (");
        String reportLine = oneStderrLine(app, "crosstalk: option 'report': cannot write " + reports + " (");
        assertTrue(jsonLine.contains(out.toString()) && reportLine.contains(out.toString()), jsonLine + "\n" + reportLine);
        E2e.Summary summary = E2e.summary(app, List.of());
        assertTrue(count(summary.line(), "json: (\\d+) events? not written \\(") >= 1, summary.line());
        assertEquals(1, count(summary.line(), "report: (\\d+) reports? not written \\("), summary.line());
        assertTrue(app.stderr().contains("crosstalk ERROR publish-then-populate: " + KITS), "the text output has the"
                + " finding the JSON file could not take");
        assertTrue(text.stream().anyMatch(e -> e.endsWith("#1")), text.toString());
        assertEquals(0, summary.agentErrors(), summary.line());
    }

    private static long count(String line, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long seedErrors(List<JsonNode> events) {
        return events.stream().filter(e -> "error".equals(E2e.text(e, "severity"))
                && SEED_CACHE.equals(E2e.stateField(e)) && "new".equals(E2e.text(e, "event"))).count();
    }

    private static Set<String> fingerprintsOf(List<String> events) {
        return events.stream().map(e -> e.substring(0, e.indexOf('#'))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> reportFingerprints(JsonNode report) {
        Set<String> out = new TreeSet<>();
        report.path("findings").forEach(f -> out.add(f.path("fingerprint").asText()));
        return out;
    }
}
