package dev.crosstalk.agent.report;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.marker.Markers;

/**
 * The agent's own Logback, configured in code: a private {@link LoggerContext} that never reads a
 * configuration file and shares nothing with the application's logging (its classes are relocated).
 */
final class LogbackOutputs {
    private final LoggerContext context = new LoggerContext();
    private final long maxFileBytes;
    private final int maxFiles;

    /** Files roll over at {@code maxFileBytes}, keeping {@code maxFiles} old ones ({@code f.1} … {@code f.N}). */
    LogbackOutputs(long maxFileBytes, int maxFiles) {
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        context.setName("crosstalk");
        // A context built by hand has no MDC adapter; logging events need one.
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
    }

    /**
     * A logger writing plain messages to {@code destination}: stderr, stdout, or a file path whose
     * write failures go to {@code trouble}.
     */
    Logger textLogger(String destination, WriteTrouble trouble) {
        MessageLineEncoder encoder = new MessageLineEncoder();
        encoder.setContext(context);
        encoder.start();
        return logger("crosstalk.text", appender("text", destination, encoder, trouble));
    }

    /** A logger writing one JSON object per event (the marker's entries plus {@code @timestamp}). */
    Logger jsonLogger(String destination, WriteTrouble trouble) {
        return logger("crosstalk.json", appender("json", destination, jsonEncoder(null), trouble));
    }

    /** {@link #jsonLogger(String, WriteTrouble)} saying write failures on stderr. */
    Logger jsonLogger(String destination) {
        return jsonLogger(destination, new WriteTrouble("json", destination, "events", System.err::println));
    }

    /**
     * {@link #jsonLogger}'s encoding as a function from an event's fields (the marker's entries) to one
     * line ending with '\n', for outputs that send lines themselves (TCP).
     */
    Function<Map<String, Object>, byte[]> jsonLines() {
        // JSON-lines inputs split on '\n' whatever the agent's OS is.
        LoggingEventCompositeJsonEncoder encoder = jsonEncoder("UNIX");
        Logger logger = context.getLogger("crosstalk.json-lines");
        return fields -> {
            LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "finding", null, null);
            event.addMarker(Markers.appendEntries(fields));
            return encoder.encode(event);
        };
    }

    /** The one JSON encoder configuration; {@code lineSeparator} null keeps the encoder's default. */
    private LoggingEventCompositeJsonEncoder jsonEncoder(String lineSeparator) {
        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        if (lineSeparator != null) {
            encoder.setLineSeparator(lineSeparator);
        }
        encoder.setFindAndRegisterJacksonModules(false);
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        providers.setContext(context);
        providers.addTimestamp(new LoggingEventFormattedTimestampJsonProvider());
        providers.addLogstashMarkers(new LogstashMarkersJsonProvider());
        encoder.setProviders(providers);
        encoder.start();
        return encoder;
    }

    private Appender<ILoggingEvent> appender(String name, String destination, Encoder<ILoggingEvent> encoder,
            WriteTrouble trouble) {
        Appender<ILoggingEvent> appender;
        if (destination.equals("stderr") || destination.equals("stdout")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget(destination.equals("stderr") ? "System.err" : "System.out");
            console.setEncoder(encoder);
            console.setImmediateFlush(true);
            appender = console;
        } else {
            appender = new LineFileAppender(encoder, new LineFile(Path.of(destination), maxFileBytes, maxFiles, trouble));
        }
        appender.setContext(context);
        appender.setName(name);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("cannot write to " + destination);
        }
        return appender;
    }

    private Logger logger(String name, Appender<ILoggingEvent> appender) {
        Logger logger = context.getLogger(name);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        return logger;
    }

    void stop() {
        context.stop();
    }
}
