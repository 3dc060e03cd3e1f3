package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.e2e.jobs.JobRunner;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that are not HTTP requests: entry methods named with {@code entry=} (message listeners,
 * jobs) are request boundaries, so per-message data in a static is found in a worker too.
 */
class EntryMethodTest {
    private static final String RUNNER = JobRunner.class.getName();

    static List<Jdk> jdks() {
        return E2e.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void perMessageDataInAStaticIsFoundBetweenEntryMethods(Jdk jdk, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("findings.jsonl");
        String classes = Path.of(JobRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        try (AppProcess app = AppProcess.builder().jdk(jdk).mainClass(classes, RUNNER)
                .agentJar(E2e.project().agentJar())
                .agentOptions("json=" + json + ",entry=" + RUNNER + "#handle;" + RUNNER + "#audit").workDir(dir)
                .start()) {
            long deadline = System.currentTimeMillis() + E2e.WAIT.toMillis();
            while (!app.stdout().contains("DONE") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(app.stdout().contains("audited c-200"), "the bug is real: " + app.stdout());
            app.stopGracefully();

            List<JsonNode> errors = Findings.atLeast(Findings.latestByFingerprint(Findings.read(json)).values()
                    .stream().collect(Collectors.toList()), "error");
            assertEquals(1, errors.size(), Findings.describe(errors) + "\nstderr:\n" + app.stderr());
            JsonNode e = errors.get(0);
            assertEquals("cross-request-flow", e.path("type").asText());
            assertEquals("dev.crosstalk.e2e.jobs.JobRunner.currentCustomer", e.path("state").asText());
            assertEquals(RUNNER + "#handle", e.path("writer").path("label").asText(), Findings.describe(e));
            assertEquals(RUNNER + "#audit", e.path("reader").path("label").asText(), Findings.describe(e));
            assertEquals(RUNNER + ".handle(JobRunner.java:19)", e.path("writer").path("location").asText());
            assertEquals(RUNNER + ".audit(JobRunner.java:24)", e.path("reader").path("location").asText());
            assertTrue(e.path("message").asText().startsWith("Per-request data in shared state"), Findings.describe(e));
        }
    }
}
