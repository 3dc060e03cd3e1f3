package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.e2e.jobs.ReceiptJobs;
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
 * The arguments of {@code entry=} methods are their request's inputs. Two messages time-stamp a line
 * in a static, each in a method that reads the clock: the receipt holds the message's customer (read
 * from the order record it was given), so it is per-request data, an error; the tick holds only the
 * clock, refreshed by whichever message comes, and stays info. Entry requests have no user key, so
 * the third rule (another user's data) does not apply and no {@code source} is reported.
 */
class EntryArgumentsTest {
    private static final String JOBS = ReceiptJobs.class.getName();

    @ParameterizedTest
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void aValueBuiltFromAnEntryArgumentIsPerRequestDataEvenWhereTheClockIsRead(Jdk jdk, @TempDir Path dir)
            throws Exception {
        Path json = dir.resolve("findings.jsonl");
        String classes = Path.of(ReceiptJobs.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        try (AppProcess app = AppProcess.builder().jdk(jdk).mainClass(classes, JOBS)
                .agentJar(E2e.project().agentJar())
                .agentOptions("json=" + json + ",entry=" + JOBS + "#receipt;" + JOBS + "#tick;" + JOBS + "#report")
                .workDir(dir).start()) {
            long deadline = System.currentTimeMillis() + E2e.WAIT.toMillis();
            while (!app.stdout().contains("DONE") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(app.stdout().contains("receipt for c-200 / tick"), "the report ran: " + app.stdout());
            app.stopGracefully();

            List<JsonNode> latest = Findings.latestByFingerprint(Findings.read(json)).values().stream()
                    .collect(Collectors.toList());
            List<JsonNode> errors = Findings.atLeast(latest, "warning");
            assertEquals(1, errors.size(), Findings.describe(latest) + "\nstderr:\n" + app.stderr());
            JsonNode e = errors.get(0);
            assertEquals(List.of("cross-request-flow", "error", JOBS + ".lastReceipt", JOBS + "#receipt",
                    JOBS + ".receipt(ReceiptJobs.java:25)", JOBS + "#report", JOBS + ".report(ReceiptJobs.java:35)"),
                    List.of(e.path("type").asText(), e.path("severity").asText(), e.path("state").asText(),
                            e.path("writer").path("label").asText(), e.path("writer").path("location").asText(),
                            e.path("reader").path("label").asText(), e.path("reader").path("location").asText()),
                    Findings.describe(e));
            assertTrue(e.path("message").asText().startsWith("Per-request data in shared state"), Findings.describe(e));
            assertTrue(e.path("details").path("source").isMissingNode(), "no user key, no source: " + Findings.describe(e));
            List<JsonNode> ticks = latest.stream().filter(t -> (JOBS + ".lastTick").equals(t.path("state").asText()))
                    .collect(Collectors.toList());
            assertEquals(1, ticks.size(), Findings.describe(latest));
            assertEquals("info", ticks.get(0).path("severity").asText(), Findings.describe(ticks.get(0)));
            assertTrue(ticks.get(0).path("message").asText().startsWith("Refreshed from the clock"),
                    Findings.describe(ticks.get(0)));
            assertTrue(Findings.read(json).stream().noneMatch(x -> x.toString().contains("c-100")
                    || x.toString().contains("c-200")), "no argument's value in the findings");
        }
    }
}
