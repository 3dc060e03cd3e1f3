package dev.crosstalk.agent.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A TCP input for tests: accepts connections on a loopback port and keeps every complete line received,
 * per connection. {@link #close()} closes the listening socket and every accepted connection, as an
 * input that dies does.
 */
final class LineServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final boolean reading;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    /** Lines per connection, in order of acceptance. */
    private final List<List<String>> connections = new CopyOnWriteArrayList<>();

    /** Listens on {@code port} (0: any free port); {@code reading} false accepts and then never reads. */
    LineServer(int port, boolean reading) throws IOException {
        this.reading = reading;
        server = new ServerSocket();
        server.setReuseAddress(true); // the port of an input that just died is still in TIME_WAIT
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::accept, "line-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    LineServer(int port) throws IOException {
        this(port, true);
    }

    int port() {
        return server.getLocalPort();
    }

    /** A port on which nothing listens now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.add(s);
                List<String> lines = new CopyOnWriteArrayList<>();
                connections.add(lines);
                if (reading) {
                    Thread t = new Thread(() -> read(s, lines), "line-server-reader");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void read(Socket s, List<String> lines) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = s.getInputStream()) {
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    lines.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            // closed by close() or by the sender
        }
    }

    /** Every line received so far, connection after connection. */
    List<String> lines() {
        List<String> all = new ArrayList<>();
        connections.forEach(all::addAll);
        return all;
    }

    /** The lines of each connection so far. */
    List<List<String>> connections() {
        List<List<String>> copy = new ArrayList<>();
        connections.forEach(c -> copy.add(new ArrayList<>(c)));
        return copy;
    }

    /** Polls until {@code condition} holds for {@link #lines()} or 10 s passed; answers the last lines seen. */
    List<String> await(Predicate<List<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> lines = lines();
        while (!condition.test(lines) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            lines = lines();
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        try {
            // The listening socket is only gone once the thread blocked in accept() has left it.
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
