package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Jdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Options that switch the agent off: an invalid value or an unknown option costs the application
 * nothing but one line on stderr, and {@code enabled=false} is silent. Each run replays the remixer's
 * seed sequence, which the agent would report if it were on.
 */
class AgentOptionsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void invalidValueTurnsTheAgentOffWithOneLine(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = runSeedSequence(jdk, dir, "json=" + json + ",max-keys=lots");
        List<String> lines = linesMentioning(app.stderr(), "max-keys");
        assertEquals(1, lines.size(), why("exactly one stderr line about max-keys, found " + lines, app));
        String line = lines.get(0);
        assertTrue(line.contains("lots") && line.contains("whole number"), why("the line names the rejected value"
                + " and what max-keys accepts: " + line, app));
        assertOnlyCrosstalkLine(app, line);
        assertNothingWritten(app, dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void unknownOptionTurnsTheAgentOffWithOneLine(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = runSeedSequence(jdk, dir, "json=" + json + ",colour=blue");
        List<String> lines = linesMentioning(app.stderr(), "colour");
        assertEquals(1, lines.size(), why("exactly one stderr line naming 'colour', found " + lines, app));
        assertOnlyCrosstalkLine(app, lines.get(0));
        assertNothingWritten(app, dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void disabledAgentIsSilent(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = runSeedSequence(jdk, dir, "json=" + json + ",enabled=false");
        List<String> out = linesMentioning(app.stderr() + "\n" + app.stdout(), "crosstalk");
        assertTrue(out.isEmpty(), why("no crosstalk output with enabled=false, found " + out, app));
        assertNothingWritten(app, dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void systemPropertiesConfigureTheAgent(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = runSeedSequence(jdk, dir, "", "-Dcrosstalk.json=" + json, "-Dcrosstalk.show-keys=true");
        String findings = read(json);
        assertTrue(findings.contains("PatternRemixer.sampleCache[kick]"), why("the JSON file named by"
                + " -Dcrosstalk.json has the remixer's error with the key shown (-Dcrosstalk.show-keys): " + findings, app));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void invalidSystemPropertyNamesItselfAndTurnsTheAgentOff(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = runSeedSequence(jdk, dir, "json=" + json, "-Dcrosstalk.update-interval=soon");
        List<String> lines = linesMentioning(app.stderr(), "update-interval");
        assertEquals(1, lines.size(), why("exactly one stderr line about update-interval, found " + lines, app));
        assertTrue(lines.get(0).contains("(from system property crosstalk.update-interval)"),
                why("the line names where the value came from: " + lines.get(0), app));
        assertOnlyCrosstalkLine(app, lines.get(0));
        assertNothingWritten(app, dir);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the remixer, plays seed 1 (checking the app works and the bug happens), and stops it. */
    private static AppProcess runSeedSequence(Jdk jdk, Path dir, String options, String... jvmArgs) {
        AppProcess app = E2e.start(jdk, "remixer", dir, options, jvmArgs);
        try (app) {
            String first = get200(app, "/remix?song=0");
            post200(app, "/reset");
            get200(app, "/remix?song=1");
            String last = get200(app, "/remix?song=0");
            assertNotEquals(first, last, why("the app behaves as without the agent (the bug happens)", app));
        }
        app.stopGracefully();
        return app;
    }

    private static List<String> linesMentioning(String text, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return text.lines().filter(l -> l.toLowerCase(Locale.ROOT).contains(lower)).collect(Collectors.toList());
    }

    /** With the agent off, its complaint is all it says: no start-up note, findings or summary. */
    private static void assertOnlyCrosstalkLine(AppProcess app, String line) {
        List<String> all = linesMentioning(app.stderr() + "\n" + app.stdout(), "crosstalk");
        assertEquals(List.of(line), all, why("the agent is off: nothing from crosstalk but the one line", app));
        assertTrue(line.startsWith("crosstalk"), why("the line says it is from crosstalk: " + line, app));
    }

    /** No findings file (the json option was given) and nothing else but the app's captured output. */
    private static void assertNothingWritten(AppProcess app, Path dir) {
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(files.contains(E2e.FINDINGS_FILE), why("no JSON findings file with the agent off", app));
        assertEquals(Set.of("app.stdout", "app.stderr"), files, why("nothing written to the work dir but the"
                + " app's output", app));
    }
}
