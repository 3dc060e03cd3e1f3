package dev.crosstalk.testapps.grpc;

import dev.crosstalk.testapps.gates.Gates;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * {@code demo.Greeter/Greet}: the service singleton keeps the caller's user in a field while it waits for
 * the greeting (at a gate), then reads the field back: another call may have set it meanwhile. The fixed
 * twin ({@code demo.FixedGreeter/Greet}) sets the same field, as a status, and greets from its local.
 */
final class GreeterService {
    private final Gates gates;
    private final boolean fixed;
    private String currentUser;

    GreeterService(Gates gates, boolean fixed) {
        this.gates = gates;
        this.fixed = fixed;
    }

    ServerServiceDefinition definition() {
        String service = fixed ? "demo.FixedGreeter" : "demo.Greeter";
        return ServerServiceDefinition.builder(service)
                .addMethod(fixed ? Strings.FIXED_GREET : Strings.GREET, ServerCalls.asyncUnaryCall(this::greet))
                .build();
    }

    private void greet(String request, StreamObserver<String> response) {
        String[] userAndGate = request.split("\\|", 2);
        String user = userAndGate[0];
        currentUser = user;
        gates.pass(userAndGate.length > 1 ? userAndGate[1] : null);
        response.onNext("hello " + (fixed ? user : currentUser));
        response.onCompleted();
    }
}
