package dev.crosstalk.agent.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs as configured, each tried once before the agent starts: one that cannot be written
 * is left out with one line naming its option, its path and the reason, and the agent runs with the
 * others. Tried for real (a file opened for appending, a file made in the report directory), because
 * permission bits say nothing for root, and root cannot write under {@code /proc} nor on a full or
 * read-only file system either.
 */
public final class StartupCheck {
    private static final String PROBE = ".crosstalk-write-check";

    /** The text output after the check: stderr, stdout, a writable file path, or null. */
    public final String text;
    /** The JSON output after the check: a writable file path, or null. */
    public final String json;
    /** The report directory after the check: a writable directory, or null. */
    public final String report;
    /** The TCP input's host when its name resolves, else null. */
    public final String jsonTcpHost;
    /** One line per output left out. */
    public final List<String> problems = new ArrayList<>();
    private final boolean anyConfigured;

    /** Checks the outputs as configured (null for one that is off). */
    public StartupCheck(String text, String json, String report, String jsonTcpHost, int jsonTcpPort) {
        anyConfigured = text != null || json != null || report != null || jsonTcpHost != null;
        this.text = file("text", text);
        this.json = file("json", json);
        this.report = directory(report);
        this.jsonTcpHost = host(jsonTcpHost, jsonTcpPort);
    }

    /** Outputs were configured and none of them can be written: the agent stays off. */
    public boolean nothingWritable() {
        return anyConfigured && text == null && json == null && report == null && jsonTcpHost == null;
    }

    /** The line that says the agent stays off. */
    public String offLine() {
        return "crosstalk: no output can be written (see the lines above); the agent is off, the application runs"
                + " without it";
    }

    private String file(String option, String destination) {
        if (destination == null || destination.equals("stderr") || destination.equals("stdout")) {
            return destination;
        }
        try {
            Path path = Path.of(destination);
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    .close();
            return destination;
        } catch (IOException | RuntimeException e) {
            leftOut(option, destination, e);
            return null;
        }
    }

    private String directory(String destination) {
        if (destination == null) {
            return null;
        }
        try {
            Path dir = Path.of(destination);
            Files.createDirectories(dir);
            Files.deleteIfExists(Files.write(dir.resolve(PROBE), new byte[0]));
            return destination;
        } catch (IOException | RuntimeException e) {
            leftOut("report", destination, e);
            return null;
        }
    }

    /** A name that does not resolve is a mistake; an input not listening yet is not (it is retried). */
    private String host(String host, int port) {
        if (host == null) {
            return null;
        }
        try {
            InetAddress.getByName(host);
            return host;
        } catch (IOException | RuntimeException e) {
            problems.add("crosstalk: option 'json-tcp': cannot send to " + host + ":" + port + " (unknown host: "
                    + host + "); the agent runs without this output");
            return null;
        }
    }

    private void leftOut(String option, String path, Exception e) {
        problems.add("crosstalk: option '" + option + "': cannot write " + path + " (" + WriteTrouble.reason(e)
                + "); the agent runs without this output");
    }
}
