package dev.crosstalk.e2e.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.Jdks;
import dev.crosstalk.harness.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recipe of docs/junit.md, as a user's separate Maven project built with real Maven ({@code mvn -o test})
 * on each JDK: the leaky test fails with the gate's message, its clean twin passes, and the test JVM ran the
 * agent and the gate this build just made, installed into a temporary repository (never the shared one).
 */
class ConsumerBuildTest {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final int LOG_TAIL = 8000;
    private static final String GATE_FAILURE = "crosstalk: this test produced 1 finding at error or above (threshold from ";
    private static final String LEAK = "ERROR cross-request-flow: com.acme.shop.LeakyProfiles.currentUser";

    @TempDir
    static Path work;

    private static Project project;
    private static String version;
    private static Map<String, String> tokens;
    private static TemporaryRepository repository;
    private static Path thirdParty;
    private static List<String> thirdPartyCrosstalkBefore;
    private static final Maven MAVEN = Maven.ofThisBuild();

    @BeforeAll
    static void installThisBuild() throws IOException {
        project = Project.locate();
        RootPom root = new RootPom(project.root().resolve("pom.xml"));
        version = root.version();
        thirdParty = Path.of(System.getProperty("crosstalk.maven.repository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        thirdPartyCrosstalkBefore = crosstalkArtifactsIn(thirdParty);
        repository = TemporaryRepository.create(work, thirdParty);
        for (Published artifact : Published.all(project, version)) {
            repository.install(MAVEN, Jdks.current(), root.pluginVersion("maven-install-plugin"), artifact.requireBuilt());
            if (artifact.jar() != null) {
                assertSameBytes(artifact.jar(), repository.installed(artifact.artifactId(), version, ".jar"));
            }
        }
        tokens = Map.of("AGENT_JAR", project.agentJar().toString(),
                "CROSSTALK_VERSION", version,
                "JUNIT_VERSION", root.property("junit.version"),
                "RESOURCES_PLUGIN_VERSION", root.pluginVersion("maven-resources-plugin"),
                "COMPILER_PLUGIN_VERSION", root.pluginVersion("maven-compiler-plugin"),
                "SUREFIRE_PLUGIN_VERSION", root.pluginVersion("maven-surefire-plugin"),
                "DEPENDENCY_PLUGIN_VERSION", root.pluginVersion("maven-dependency-plugin"),
                "JACOCO_PLUGIN_VERSION", root.pluginVersion("jacoco-maven-plugin"));
    }

    static Stream<Arguments> builds() {
        List<Arguments> out = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (Recipe recipe : Recipe.values()) {
                out.add(Arguments.of(jdk, recipe));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("builds")
    void leakyTestFailsWithTheGatesMessageAndItsCleanTwinPasses(Jdk jdk, Recipe recipe, @TempDir Path dir)
            throws IOException {
        ConsumerProject consumer = ConsumerProject.write(recipe, dir, tokens);
        List<String> args = new ArrayList<>(repository.offlineArgs());
        args.add("test");
        Maven.Run run = MAVEN.run(jdk, dir, dir.resolve("build.log"), BUILD_TIMEOUT, args);
        Supplier<String> log = () -> "\n--- " + String.join(" ", run.command()) + " in " + dir + " (exit "
                + run.exitCode() + ") ---\n" + run.tail(LOG_TAIL);

        ConsumerProject.Suite tests = consumer.suite(ConsumerProject.TEST_CLASS, log);
        assertEquals(List.of(2, 1, 0, 0), List.of(tests.tests(), tests.failures(), tests.errors(), tests.skipped()),
                () -> "[tests, failures, errors, skipped] of " + tests + log.get());
        ConsumerProject.TestCase leaky = tests.testCase(ConsumerProject.LEAKY_TEST);
        assertTrue(leaky.failureMessage() != null
                && leaky.failureMessage().startsWith(GATE_FAILURE + recipe.thresholdSource() + ")"),
                () -> "the gate's failure of the leaky test: " + leaky + log.get());
        assertTrue(leaky.failureText().contains(LEAK), () -> "the failure names the leak: " + leaky + log.get());
        ConsumerProject.TestCase clean = tests.testCase(ConsumerProject.CLEAN_TEST);
        assertEquals(null, clean.failureMessage(), () -> "the clean twin failed: " + clean + log.get());
        ConsumerProject.Suite probe = consumer.suite(ConsumerProject.PROBE_CLASS, log);
        assertEquals(List.of(1, 0, 0, 0), List.of(probe.tests(), probe.failures(), probe.errors(), probe.skipped()),
                () -> "[tests, failures, errors, skipped] of " + probe + log.get());
        // The failed test fails the user's build, and for no other reason.
        assertNotEquals(0, run.exitCode(), log);
        assertTrue(run.log().contains("Tests run: 3, Failures: 1, Errors: 0, Skipped: 0"), log);

        assertRanTheJarsJustBuilt(jdk, recipe, consumer, log);
        if (recipe.jacoco) {
            Path exec = dir.resolve("target/jacoco.exec");
            assertTrue(Files.isRegularFile(exec) && Files.size(exec) > 0, () -> "JaCoCo wrote no " + exec + log.get());
        }
        assertEquals(thirdPartyCrosstalkBefore, crosstalkArtifactsIn(thirdParty),
                () -> "the build's own local repository " + thirdParty + " changed under dev/crosstalk" + log.get());
    }

    /** README, "Using it": the agent taken from a Maven repository is the agent jar itself. */
    @Test
    void theAgentCopiedFromTheRepositoryIsTheJarJustBuilt(@TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(repository.offlineArgs());
        args.add("org.apache.maven.plugins:maven-dependency-plugin:" + tokens.get("DEPENDENCY_PLUGIN_VERSION") + ":copy");
        args.add("-Dartifact=" + Published.GROUP_ID + ":crosstalk-agent:" + version);
        args.add("-DoutputDirectory=" + dir);
        Maven.Run run = MAVEN.run(Jdks.current(), dir, dir.resolve("copy.log"), BUILD_TIMEOUT, args);
        assertEquals(0, run.exitCode(), () -> run.command() + "\n" + run.tail(LOG_TAIL));
        assertSameBytes(project.agentJar(), dir.resolve("crosstalk-agent-" + version + ".jar"));
    }

    private static void assertRanTheJarsJustBuilt(Jdk jdk, Recipe recipe, ConsumerProject consumer,
            Supplier<String> log) throws IOException {
        Map<String, List<String>> record = consumer.jvmRecord();
        Supplier<String> why = () -> "the probe's record: " + record + log.get();
        assertEquals(jdk.home().toRealPath().toString(), Path.of(record.get("java.home").get(0)).toRealPath().toString(),
                why);

        List<String> agents = record.get("agent").stream().map(ConsumerBuildTest::jarOf).collect(Collectors.toList());
        assertEquals(recipe.jacoco ? 2 : 1, agents.size(), why);
        if (recipe.jacoco) {
            assertTrue(agents.get(0).contains("org.jacoco.agent"), why);
        }
        Path agent = Path.of(agents.get(agents.size() - 1));
        Path expectedAgent = recipe.agentFromRepository ? repository.installed("crosstalk-agent", version, ".jar")
                : project.agentJar();
        assertEquals(expectedAgent.toString(), agent.toString(), why);
        assertSameBytes(project.agentJar(), agent);

        Path junit = Path.of(record.get("junit").get(0));
        assertEquals(repository.installed("crosstalk-junit", version, ".jar").toString(), junit.toString(), why);
        assertSameBytes(Published.named(Published.all(project, version), "crosstalk-junit").jar(), junit);
    }

    /** The jar of a {@code -javaagent:} value, without the options after it. */
    private static String jarOf(String javaagent) {
        int options = javaagent.indexOf(".jar=");
        return options < 0 ? javaagent : javaagent.substring(0, options + ".jar".length());
    }

    private static void assertSameBytes(Path built, Path used) throws IOException {
        assertEquals(-1L, Files.mismatch(built, used), () -> used + " is not byte for byte " + built);
    }

    /** Every file under {@code dev/crosstalk} of a local repository, with its size and time. */
    private static List<String> crosstalkArtifactsIn(Path localRepository) throws IOException {
        Path dir = localRepository.resolve("dev/crosstalk");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.add(dir.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f));
            }
            return out;
        }
    }
}
