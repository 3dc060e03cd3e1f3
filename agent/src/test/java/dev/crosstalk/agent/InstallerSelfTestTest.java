package dev.crosstalk.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.bootstrap.Hooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install-time canary: instrument {@link Canary}, play three requests through it, expect the two
 * errors. The canary is defined in a loader whose parent is the bootstrap loader, so (as in a real
 * start, where {@link BootstrapJar} runs first) the hooks must be on the bootstrap class path: the
 * self-test runs in a JVM started with {@code -Xbootclasspath/a:} holding only
 * {@code dev.crosstalk.bootstrap}.
 */
class InstallerSelfTestTest {
    @TempDir
    Path bootstrapDir;

    @Test
    void selfTestPassesWhenTheHooksAreOnTheBootstrapClassPath() throws Exception {
        copyBootstrapPackage();
        List<String> output = runSelfTestJvm();

        assertTrue(output.contains("hooks loaded by: null"), "precondition: hooks on the bootstrap path " + output);
        assertTrue(output.contains("self-test: null"), "the canary chain works; output: " + output);
    }

    private void copyBootstrapPackage() throws Exception {
        Path classes = Path.of(Hooks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve(BootstrapJar.PACKAGE);
        Path target = Files.createDirectories(bootstrapDir.resolve(BootstrapJar.PACKAGE));
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                Files.copy(f, target.resolve(f.getFileName().toString()));
            }
        }
        assertTrue(Files.exists(target.resolve("Hooks.class")));
    }

    private List<String> runSelfTestJvm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xbootclasspath/a:" + bootstrapDir, "-cp",
                System.getProperty("java.class.path"), SelfTestMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the self-test JVM ended");
        assertEquals(0, p.exitValue(), out);
        return out.lines().collect(Collectors.toList());
    }
}
