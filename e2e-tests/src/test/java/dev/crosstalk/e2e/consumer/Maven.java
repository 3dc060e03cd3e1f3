package dev.crosstalk.e2e.consumer;

import dev.crosstalk.harness.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Maven that runs this build ({@code -Dcrosstalk.maven.home}, else {@code mvn} on the PATH), run as a user would. */
final class Maven {

    /** What one run left: its exit code and everything it printed. */
    record Run(List<String> command, int exitCode, String log) {

        /** The last {@code chars} characters of the log, for assertion messages. */
        String tail(int chars) {
            return log.length() <= chars ? log : "[...]" + log.substring(log.length() - chars);
        }
    }

    private final String executable;

    private Maven(String executable) {
        this.executable = executable;
    }

    static Maven ofThisBuild() {
        String home = System.getProperty("crosstalk.maven.home");
        return new Maven(home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString());
    }

    /** Runs {@code args} in {@code dir} with {@code JAVA_HOME} set to {@code jdk}; its output goes to {@code log}. */
    Run run(Jdk jdk, Path dir, Path log, Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", jdk.home().toString());
        // The consumer's own build must not pick up options meant for this one.
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("mvn did not finish in " + timeout + ": " + command + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
