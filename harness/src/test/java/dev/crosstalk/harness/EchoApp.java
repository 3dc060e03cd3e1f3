package dev.crosstalk.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A stand-in test app for the harness's own tests, launched from the test classes with {@code -cp}:
 * it keeps the test-app contract (loopback, ephemeral port, one LISTENING line) using only the JDK.
 *
 * <p>{@code GET /} answers "ok", {@code /echo...} answers "METHOD /echo...", {@code /chunked} answers
 * in chunks of unknown total length, anything else 404. The
 * first argument picks a misbehaviour: {@code fail} exits with 3 before listening, {@code silent}
 * never announces its port.
 */
public final class EchoApp {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "normal";
        if (mode.equals("fail")) {
            System.err.println("boom: deliberate start-up failure");
            System.exit(3);
        }
        if (mode.equals("silent")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", EchoApp::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        // Shows the harness that close() stops gracefully and drains output written at shutdown.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("bye")));
        System.out.println("LISTENING port=" + server.getAddress().getPort());
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String target = exchange.getRequestURI().toString();
        if (path.equals("/")) {
            respond(exchange, 200, "ok");
        } else if (path.equals("/chunked")) {
            exchange.sendResponseHeaders(200, 0); // length 0: chunked transfer encoding
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(("part " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } else if (path.startsWith("/echo")) {
            respond(exchange, 200, exchange.getRequestMethod() + " " + target);
        } else {
            respond(exchange, 404, "no such page: " + target);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
