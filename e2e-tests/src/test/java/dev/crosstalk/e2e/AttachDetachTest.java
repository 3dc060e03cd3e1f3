package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar crosstalk-agent.jar attach|detach <pid>} on the remixer started without the agent:
 * traffic first, then an attach that instruments the classes already loaded, the seed-1 bug caught,
 * a detach that writes the report and puts the classes back (their bytes, as the JVM holds them,
 * read with the JDK's own {@code jhsdb} before, during and after), the app serving on, and a second
 * attach that works the same way.
 */
class AttachDetachTest {
    private static final String REMIXER = RemixerBugs.PKG + "PatternRemixer";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The package of every hook class (FieldHooks, ContainerHooks, …) that instrumented code calls. */
    private static final String HOOKS = "dev/crosstalk/bootstrap/";
    /** A constant pool index in javap's output, with the padding after it: the JVM renumbers its pool. */
    private static final java.util.regex.Pattern POOL_INDEX = java.util.regex.Pattern.compile("#\\d+(,\\d+)?\\s*");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void attachFindsTheBugDetachRestoresTheClassesAndAttachingAgainWorks(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        try (AppProcess app = AppProcess.builder().jdk(jdk).jar(E2e.project().appJar(RemixerBugs.APP))
                .workDir(dir).start()) {
            RemixerBugs.sampleCacheBug(app, RemixerBugs.SEED); // before the attach: nobody watches
            String original = code(jdk, app, REMIXER, dir.resolve("dump-original"));
            assertFalse(original.contains(HOOKS), original);

            for (int round = 1; round <= 2; round++) {
                Path out = Files.createDirectories(dir.resolve("round" + round));
                Path json = out.resolve(E2e.FINDINGS_FILE);
                String attached = agentCommand(jdk, app, "attach", String.valueOf(app.pid()),
                        "json=" + json + ",report=" + out + "," + E2e.UPDATE_INTERVAL);
                assertTrue(attached.startsWith("crosstalk: " + app.pid() + ": attached: crosstalk "), attached);
                assertFalse(attached.contains(" 0 application classes"), attached);
                String instrumented = code(jdk, app, REMIXER, out.resolve("dump-attached"));
                assertTrue(instrumented.contains(HOOKS), "the loaded class was instrumented:\n" + instrumented);

                // The bug again, watched this time.
                sampleCacheBugAfterReset(app);
                List<JsonNode> events = new Findings(json).waitFor(e -> !errors(e).isEmpty(), E2e.WAIT);
                assertEquals(List.of(RemixerBugs.SEED_CACHE), errors(events), why("round " + round, app, events));

                String detached = agentCommand(jdk, app, "detach", String.valueOf(app.pid()));
                assertTrue(detached.startsWith("crosstalk: " + app.pid() + ": detached: "), detached);
                JsonNode report = JSON.readTree(out.resolve("crosstalk-report.json").toFile());
                assertEquals("detach", report.path("report").path("trigger").asText(), report.toString());
                assertEquals(1, report.path("summary").path("error").asInt(), report.toString());
                assertEquals(original, code(jdk, app, REMIXER, out.resolve("dump-detached")),
                        "round " + round + ": the class holds its original code again");

                // Detached: the app serves on and nothing is written any more.
                long lines = Files.readAllLines(json).size();
                sampleCacheBugAfterReset(app);
                assertEquals(lines, Files.readAllLines(json).size(), "no event after the detach");
                assertFalse(Stream.of(threadNames(jdk, app)).anyMatch(t -> t.startsWith("crosstalk")),
                        "the agent's threads are gone");
            }
            String stderr = app.stderr();
            assertEquals(2, count(stderr, "crosstalk: attached to a running JVM;"), stderr);
            assertEquals(2, count(stderr, "crosstalk: 1 findings (1 error, 0 warning, 0 info)"), stderr);
            assertTrue(stderr.contains("; 0 agent errors"), stderr);
            // JDK 21 and newer say so when an agent is loaded into a running JVM (see the README).
            assertEquals(jdkFeature(jdk) >= 21,
                    stderr.contains("A Java agent has been loaded dynamically"), stderr);
        }
    }

    /**
     * Song 0 fills the cache after a reset, then {@link RemixerBugs#sampleCacheBug}: song 1 fills the
     * same keys with its own renderings after another reset, and song 0 is served those.
     */
    private static void sampleCacheBugAfterReset(AppProcess app) {
        post200(app, "/reset");
        get200(app, "/remix?song=0");
        RemixerBugs.sampleCacheBug(app, RemixerBugs.SEED);
    }

    private static List<String> errors(List<JsonNode> events) {
        List<String> states = new ArrayList<>();
        for (JsonNode e : E2e.latestAtLeastWarning(events)) {
            states.add(E2e.stateField(e));
        }
        return states;
    }

    /** {@code java -jar crosstalk-agent.jar <args>} on {@code jdk}: its output, after checking it exited 0. */
    private static String agentCommand(Jdk jdk, AppProcess app, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(jdk.java().toString(), "-jar", E2e.project().agentJar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "agent command " + cmd + " did not finish");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), why(cmd + " answered " + output, app));
        return output;
    }

    /**
     * The code of class {@code name} as the JVM of {@code app} runs it now: its methods' instructions
     * as {@code javap -c -p} shows them, with constant pool indices left out, since a retransformed
     * class keeps the constants of its earlier versions in a merged pool.
     */
    private static String code(Jdk jdk, AppProcess app, String name, Path into) throws Exception {
        Path file = classFile(jdk, app, name, into);
        Process p = new ProcessBuilder(jdk.home().resolve("bin/javap").toString(), "-c", "-p", file.toString())
                .redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, listing);
        return POOL_INDEX.matcher(listing).replaceAll("").replaceAll("[ \\t]+", " ");
    }

    /**
     * The class file of {@code name} as the JVM of {@code app} holds it now, by the HotSpot
     * serviceability agent's {@code dumpclass} ({@code jhsdb clhsdb}): a view from outside, not
     * through the agent under test.
     */
    private static Path classFile(Jdk jdk, AppProcess app, String name, Path into) throws Exception {
        Path jhsdb = jdk.home().resolve("bin/jhsdb");
        Process p = new ProcessBuilder(jhsdb.toString(), "clhsdb", "--pid", String.valueOf(app.pid()))
                .redirectErrorStream(true).start();
        p.getOutputStream().write(("dumpclass " + name + " " + into + "\nquit\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] said = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jhsdb did not finish");
        Path file = into.resolve(name.replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(file), "jhsdb dumped no " + file + ": " + new String(said, StandardCharsets.UTF_8));
        return file;
    }

    private static String[] threadNames(Jdk jdk, AppProcess app) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jdk.home().resolve("bin/jcmd").toString(), String.valueOf(app.pid()),
                "Thread.print").redirectErrorStream(true).start();
        byte[] dump = p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        List<String> names = new ArrayList<>();
        for (String line : new String(dump, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("\"")) {
                names.add(line.substring(1, line.indexOf('"', 1)));
            }
        }
        assertFalse(names.isEmpty(), "jcmd Thread.print listed no threads: " + new String(dump, StandardCharsets.UTF_8));
        return names.toArray(new String[0]);
    }

    private static int jdkFeature(Jdk jdk) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jdk.java().toString(), "-version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("version \"(\\d+)").matcher(version);
        assertTrue(m.find(), version);
        return Integer.parseInt(m.group(1));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
