package dev.crosstalk.agent.report;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * An event's message and a line separator, in UTF-8: what the pattern {@code %msg%n} writes. Logback's
 * pattern layout registers every converter it knows (about seventy, each a lambda made at start-up)
 * before it parses a pattern; the agent's text output needs none of them.
 */
final class MessageLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NONE = new byte[0];
    private static final String LINE_SEPARATOR = System.lineSeparator();

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (event.getFormattedMessage() + LINE_SEPARATOR).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
