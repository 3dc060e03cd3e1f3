package dev.crosstalk.agent.report;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

/**
 * The agent's Logback appender for files: the encoder makes the line, a {@link LineFile} writes it.
 * Logback's own file appenders swallow write failures and keep writing to a file moved away by
 * logrotate; this one counts the first and follows the second.
 */
final class LineFileAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final Encoder<ILoggingEvent> encoder;
    private final LineFile file;

    LineFileAppender(Encoder<ILoggingEvent> encoder, LineFile file) {
        this.encoder = encoder;
        this.file = file;
    }

    @Override
    protected void append(ILoggingEvent event) {
        file.write(encoder.encode(event));
    }

    @Override
    public void stop() {
        super.stop();
        file.close();
    }
}
