package dev.crosstalk.testapps.grpc;

import dev.crosstalk.testapps.gates.Gates;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A gRPC-java server on Netty with its own callback executor; listens on an ephemeral port of 127.0.0.1. */
public final class GrpcServer {

    private GrpcServer() {
    }

    public static void main(String[] args) throws Exception {
        Gates gates = new Gates();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService callbacks = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "grpc-callback-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ServerServiceDefinition gateService = ServerServiceDefinition.builder("demo.Gates")
                .addMethod(Strings.ARRIVED, ServerCalls.asyncUnaryCall((name, response) -> {
                    gates.awaitArrival(name);
                    response.onNext("arrived");
                    response.onCompleted();
                }))
                .addMethod(Strings.RELEASE, ServerCalls.asyncUnaryCall((name, response) -> {
                    gates.release(name);
                    response.onNext("released");
                    response.onCompleted();
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .executor(callbacks)
                .addService(gateService)
                .addService(new GreeterService(gates, false).definition())
                .addService(new GreeterService(gates, true).definition())
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("LISTENING port=" + server.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
