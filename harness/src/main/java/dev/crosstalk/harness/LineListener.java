package dev.crosstalk.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP input for the agent's {@code json-tcp} output, as Logstash's {@code tcp} input with the
 * {@code json_lines} codec would be: it listens on a loopback port and keeps every line each connection
 * sends. {@link #close()} kills it the way a crashing log shipper dies: the listening socket and every
 * accepted connection are closed at once.
 *
 * <pre>{@code
 * try (LineListener input = LineListener.open(0)) {
 *     ... "json-tcp=127.0.0.1:" + input.port() ...
 *     input.lines();
 * }
 * }</pre>
 */
public final class LineListener implements AutoCloseable {

    /** Bytes kept of a line that has no end yet; a longer one is cut (and then cannot parse). */
    private static final int MAX_LINE_BYTES = 1024 * 1024;

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();

    private LineListener(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "line-listener-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1:{@code port}, or a free port for 0. */
    public static LineListener open(int port) {
        try {
            ServerSocket server = new ServerSocket();
            // The port of a listener that was just killed has connections in TIME_WAIT.
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            LineListener listener = new LineListener(server);
            listener.acceptor.start();
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** What one connection sent: its complete lines, what followed the last '\n', and whether it ended. */
    public record Connection(List<String> lines, String unterminated, boolean ended) {
    }

    /** Every connection accepted so far, in order, as it is now. */
    public List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        for (Receiver r : receivers) {
            out.add(r.snapshot());
        }
        return out;
    }

    /** Every complete line received so far, connection after connection. */
    public List<String> lines() {
        List<String> all = new ArrayList<>();
        for (Connection c : connections()) {
            all.addAll(c.lines());
        }
        return all;
    }

    /** Waits until every accepted connection has been closed by its sender; false if one was still open. */
    public boolean awaitEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections().stream().anyMatch(c -> !c.ended())) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Receiver r = new Receiver(s);
                receivers.add(r);
                Thread t = new Thread(r::read, "line-listener-connection-" + receivers.size());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Closes the listening socket and every connection, without reading what is still in flight. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
        for (Receiver r : receivers) {
            r.kill();
        }
        try {
            // The port is only free again once the thread blocked in accept() has left it.
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one connection into lines. */
    private static final class Receiver {
        private final Socket socket;
        // Both guarded by partial.
        private final List<String> lines = new ArrayList<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private volatile boolean ended;

        Receiver(Socket socket) {
            this.socket = socket;
        }

        void read() {
            byte[] buf = new byte[8192];
            try (InputStream in = socket.getInputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    for (int i = 0; i < n; i++) {
                        take(buf[i]);
                    }
                }
            } catch (IOException e) {
                // Killed by close(), or reset by the sender: what was read is kept.
            } finally {
                ended = true;
            }
        }

        private void take(byte b) {
            synchronized (partial) {
                if (b == '\n') {
                    lines.add(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                } else if (partial.size() < MAX_LINE_BYTES) {
                    partial.write(b);
                }
            }
        }

        Connection snapshot() {
            synchronized (partial) {
                return new Connection(List.copyOf(lines), partial.toString(StandardCharsets.UTF_8), ended);
            }
        }

        void kill() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is all that was wanted.
            }
        }
    }
}
