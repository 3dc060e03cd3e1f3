package dev.crosstalk.agent.report;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import ch.qos.logback.core.encoder.Encoder;
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

    /** A logger writing plain messages to {@code destination}: stderr, stdout, or a file path. */
    Logger textLogger(String destination) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        return logger("crosstalk.text", appender("text", destination, encoder));
    }

    /** A logger writing one JSON object per event (the marker's entries plus {@code @timestamp}). */
    Logger jsonLogger(String destination) {
        return logger("crosstalk.json", appender("json", destination, jsonEncoder(null)));
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

    private Appender<ILoggingEvent> appender(String name, String destination, Encoder<ILoggingEvent> encoder) {
        OutputStreamAppender<ILoggingEvent> appender;
        if (destination.equals("stderr") || destination.equals("stdout")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget(destination.equals("stderr") ? "System.err" : "System.out");
            appender = console;
        } else {
            appender = rollingFile(destination);
        }
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("cannot write to " + destination);
        }
        return appender;
    }

    /** A file that cannot fill the disk: rolled at the size limit, a fixed number of old files kept. */
    private FileAppender<ILoggingEvent> rollingFile(String path) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setFile(path);
        file.setAppend(true);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(path + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(maxFiles);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(maxFileBytes));
        // Findings are few; looking at the file size four times a second costs nothing and keeps it near the limit.
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(250));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        return file;
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
