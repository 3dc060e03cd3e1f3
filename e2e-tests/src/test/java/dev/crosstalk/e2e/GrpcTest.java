package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.testapps.grpc.Strings;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 on a gRPC-java server (Netty): a request is one server call, from its start through its
 * listener callbacks on the server's callback executor. A service singleton's field set by one call and
 * read by another is an error naming both calls; the fixed twin is quiet; gRPC's and Netty's own state is
 * never a finding.
 */
class GrpcTest {
    private static final String PKG = "dev.crosstalk.testapps.grpc.";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void aServerCallIsOneRequestAcrossItsCallbacks(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        AppProcess app = AppProcess.builder().jdk(jdk).jar(E2e.project().appJar("grpc"))
                .agentJar(E2e.project().agentJar()).agentOptions(E2e.jsonOptions(json)).workDir(dir).start();
        int[] sent = {0};
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
        try (app) {
            assertEquals(List.of("hello bob", "hello bob"), greetings(channel, Strings.GREET, "g1", sent),
                    why("the bug is real: Alice's call, answered after Bob's, greets Bob", app));
            assertEquals(List.of("hello alice", "hello bob"), greetings(channel, Strings.FIXED_GREET, "g2", sent),
                    why("the fixed service greets each their own", app));
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        app.stopGracefully();
        List<JsonNode> events = Findings.read(json);
        assertEquals(List.of("error cross-request-flow " + PKG + "GreeterService.currentUser"
                        + " | POST /demo.Greeter/Greet @ " + PKG + "GreeterService.greet(GreeterService.java:33)"
                        + " | POST /demo.Greeter/Greet @ " + PKG + "GreeterService.greet(GreeterService.java:35)"),
                E2e.warningsAndErrors(events), why("one error for the service field; nothing for the fixed twin,"
                        + " gRPC or Netty", app, events));
        for (JsonNode e : E2e.latestAtLeastWarning(events)) {
            assertTrue(e.path("reader").path("thread").asText().startsWith("grpc-callback-"),
                    why("read on the server's callback executor", app, events, e));
        }
        E2e.assertCommonChecks(app, events, sent[0]);
    }

    /** Alice's call waits at {@code gate} after setting the field; Bob's call runs; Alice's goes on. */
    private static List<String> greetings(ManagedChannel channel, MethodDescriptor<String, String> method, String gate,
            int[] sent) throws Exception {
        Future<String> alice = call(channel, method, "alice|" + gate, sent);
        call(channel, Strings.ARRIVED, gate, sent).get(40, TimeUnit.SECONDS);
        String bob = call(channel, method, "bob", sent).get(40, TimeUnit.SECONDS);
        call(channel, Strings.RELEASE, gate, sent).get(40, TimeUnit.SECONDS);
        return List.of(alice.get(40, TimeUnit.SECONDS), bob);
    }

    private static Future<String> call(ManagedChannel channel, MethodDescriptor<String, String> method, String request,
            int[] sent) {
        sent[0]++;
        return ClientCalls.futureUnaryCall(channel.newCall(method, CallOptions.DEFAULT), request);
    }
}
