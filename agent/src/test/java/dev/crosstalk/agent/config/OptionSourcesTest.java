package dev.crosstalk.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options from system properties, the environment and a config file, and their precedence. */
class OptionSourcesTest {

    @Test
    void agentArgumentsBeatSystemPropertiesBeatEnvironmentBeatTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("crosstalk.properties");
        Files.writeString(file, "max-keys=1\nmax-findings=1\nmax-containers=1\nupdate-interval=1s\n");
        Options o = Options.load("max-keys=4,config=" + file,
                Map.of("crosstalk.max-keys", "3", "crosstalk.max-findings", "3"),
                Map.of("CROSSTALK_MAX_KEYS", "2", "CROSSTALK_MAX_FINDINGS", "2", "CROSSTALK_MAX_CONTAINERS", "2"));
        assertEquals(4, o.maxKeys, "agent arguments win");
        assertEquals(3, o.maxFindings, "then system properties");
        assertEquals(2, o.maxContainers, "then the environment");
        assertEquals(1000, o.updateMillis, "then the file");
    }

    @Test
    void configFileCanBeNamedByASystemPropertyOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ct.properties");
        Files.writeString(file, "json=/tmp/findings.jsonl\nshow-keys=true\n");
        Options fromProperty = Options.load(null, Map.of("crosstalk.config", file.toString()), Map.of());
        assertEquals("/tmp/findings.jsonl", fromProperty.json);
        assertTrue(fromProperty.showKeys);
        Options fromEnvironment = Options.load(null, Map.of(), Map.of("CROSSTALK_CONFIG", file.toString()));
        assertEquals("/tmp/findings.jsonl", fromEnvironment.json);
    }

    @Test
    void listOptionsCollectEverySource() throws Exception {
        Options o = Options.load("include=com.acme", Map.of("crosstalk.include", "org.example"),
                Map.of("CROSSTALK_INCLUDE", "net.demo"));
        assertEquals(List.of("net.demo", "org.example", "com.acme"), o.include);
    }

    @Test
    void aBadValueNamesItsSource() {
        Options.Invalid fromProperty = assertThrows(Options.Invalid.class,
                () -> Options.load(null, Map.of("crosstalk.max-keys", "lots"), Map.of()));
        assertTrue(fromProperty.getMessage().contains("'max-keys'"), fromProperty.getMessage());
        assertTrue(fromProperty.getMessage().contains("a whole number"), fromProperty.getMessage());
        assertTrue(fromProperty.getMessage().endsWith("(from system property crosstalk.max-keys)"),
                fromProperty.getMessage());
        Options.Invalid fromEnvironment = assertThrows(Options.Invalid.class,
                () -> Options.load(null, Map.of(), Map.of("CROSSTALK_TEXT_SEVERITY", "loud")));
        assertTrue(fromEnvironment.getMessage().endsWith("(from environment variable CROSSTALK_TEXT_SEVERITY)"),
                fromEnvironment.getMessage());
    }

    @Test
    void unknownKeysInTheFileAreErrorsButAmbientOnesAreNotes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "colour=blue\n");
        Options.Invalid e = assertThrows(Options.Invalid.class, () -> Options.load("config=" + file, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("unknown option 'colour'"), e.getMessage());
        assertTrue(e.getMessage().contains("config file " + file), e.getMessage());

        Options o = Options.load(null, Map.of("crosstalk.root", "/work"), Map.of("CROSSTALK_HOME", "/opt"));
        assertEquals(List.of("crosstalk: ignored system property crosstalk.root: not an option",
                "crosstalk: ignored environment variable CROSSTALK_HOME: not an option"), o.notes);
    }

    @Test
    void aMissingConfigFileIsOneClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        Options.Invalid e = assertThrows(Options.Invalid.class,
                () -> Options.load(null, Map.of("crosstalk.config", missing.toString()), Map.of()));
        assertTrue(e.getMessage().startsWith("crosstalk: option 'config' accepts"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().endsWith("(from system property crosstalk.config)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }
}
