package dev.crosstalk.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One load client's connection: the same GET, again and again, on one kept-alive HTTP/1.1 socket,
 * as {@code wrk} sends it. {@link Http}'s JDK client hands every answer through one selector thread
 * shared by all clients, which capped a small app's throughput on the load generator's CPU before
 * the app's CPU was busy; a benchmark client must cost less than the server it measures.
 */
final class KeepAliveGet implements Closeable {
    private static final int TIMEOUT_MILLIS = (int) Http.TIMEOUT.toMillis();
    private static final int MAX_ERROR_BODY = 200;

    private final String host;
    private final int port;
    private final byte[] request;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** The start of the last answer's body, kept only for a failure's message. */
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
    private boolean keepBody;

    KeepAliveGet(URI uri) {
        this.host = uri.getHost();
        this.port = uri.getPort();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.request = ("GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the GET and reads the whole answer; its status. */
    int get() throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readAnswer();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The first characters of the last answer's body (read only when its status was not 2xx). */
    String lastBody() {
        return errorBody.toString(StandardCharsets.UTF_8);
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private int readAnswer() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close") || close && !value.equalsIgnoreCase(
                        "keep-alive");
                default -> { }
            }
        }
        keepBody = status / 100 != 2;
        errorBody.reset();
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line(); // the CRLF after the chunk
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            skipToEnd(); // neither length nor chunks: the body ends with the connection
            close = true;
        }
        if (close) {
            close();
        }
        return status;
    }

    private long chunkSize() throws IOException {
        String size = line();
        int semicolon = size.indexOf(';');
        return Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection mid-answer");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private void skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int read = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (read < 0) {
                throw new EOFException("the server closed the connection mid-body");
            }
            keep(buf, read);
            n -= read;
        }
    }

    private void skipToEnd() throws IOException {
        byte[] buf = new byte[8192];
        for (int read; (read = in.read(buf)) >= 0; ) {
            keep(buf, read);
        }
    }

    private void keep(byte[] buf, int read) {
        if (keepBody && errorBody.size() < MAX_ERROR_BODY) {
            errorBody.write(buf, 0, Math.min(read, MAX_ERROR_BODY - errorBody.size()));
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // a connection we are done with either way
            }
            socket = null;
        }
    }
}
