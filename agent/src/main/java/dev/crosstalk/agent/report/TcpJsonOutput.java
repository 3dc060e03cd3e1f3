package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.Severity;
import java.util.Map;
import java.util.function.Function;

/**
 * Findings as JSON lines to a TCP input ({@code json-tcp=host:port}: Logstash {@code tcp} with the
 * {@code json_lines} codec, Fluentd {@code in_tcp}, Vector {@code socket}). Each event is the same object,
 * from the same encoder, as in the JSON file ({@link JsonOutput#fields}), ending with '\n'. A
 * {@link TcpLineSender} sends them, so the reporter thread never waits for the network.
 *
 * <p>What the input receives (see {@code docs/findings.md}): after it was away, it first gets again,
 * with {@code "resync": true}, the latest event of every finding whose latest event had already been
 * sent, then the events written meanwhile. Once it is reachable it therefore holds every
 * finding with its latest count. Per finding, counts never go back; a {@code new} event may be missing
 * (lost with a dead connection, the finding then starts with an {@code update}), and an event may come
 * twice, the second time with {@code "resync": true}. Consumers that keep the latest event per
 * fingerprint need to do nothing; those that count events dedupe on fingerprint, count and severity.
 */
final class TcpJsonOutput extends Output implements TcpLineSender.Lines<Finding> {
    /** How often an idle connection is checked for an input that closed it. */
    private static final long IDLE_PROBE_MILLIS = 250;

    private final String target;
    private final Function<Map<String, Object>, byte[]> encoder;
    private final AgentInfo agent;
    private final TcpLineSender<Finding> sender;

    /**
     * @param buffer  how many events are held while the input is away (the oldest are dropped first)
     * @param encoder the JSON file's encoder, from an event's fields to one line
     */
    TcpJsonOutput(String host, int port, int buffer, Severity minimum, Function<Map<String, Object>, byte[]> encoder,
            AgentInfo agent) {
        super(minimum);
        this.target = host + ":" + port;
        this.encoder = encoder;
        this.agent = agent;
        this.sender = new TcpLineSender<>(host, port, buffer, IDLE_PROBE_MILLIS, this);
        sender.start();
    }

    @Override
    void write(Finding f, EventKind kind, boolean escalated) {
        // The sender decides new/update: "new" is the first event of a finding that goes into a socket.
        sender.offer(f.fingerprint(), f);
    }

    @Override
    public byte[] line(Finding f, boolean first, boolean resent) {
        Map<String, Object> fields = JsonOutput.fields(f, first ? EventKind.NEW : EventKind.UPDATE, agent);
        if (resent) {
            fields.put("resync", true);
        }
        return encoder.apply(fields);
    }

    @Override
    void drain(long maxMillis) {
        sender.close(maxMillis);
    }

    /** For the summary: events this output did not deliver, or "" when it delivered all it was given. */
    String undelivered() {
        long dropped = sender.dropped();
        long unsent = sender.unsent();
        if (dropped + unsent == 0) {
            return "";
        }
        return "; JSON events for " + target + ": " + dropped + " dropped (json-tcp-buffer full), " + unsent
                + " not sent at exit";
    }
}
