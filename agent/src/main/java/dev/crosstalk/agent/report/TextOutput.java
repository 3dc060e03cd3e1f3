package dev.crosstalk.agent.report;

import ch.qos.logback.classic.Logger;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.Severity;

/** Findings as readable blocks, then one-line updates, through the agent's Logback. */
final class TextOutput extends Output {
    private final Logger logger;

    TextOutput(Logger logger, Severity minimum) {
        this(logger, minimum, null);
    }

    /** @param trouble what the text file could not write, or null when the output is not a file */
    TextOutput(Logger logger, Severity minimum, WriteTrouble trouble) {
        super(minimum, trouble);
        this.logger = logger;
    }

    @Override
    void write(Finding f, EventKind kind, boolean escalated) {
        logger.info(kind == EventKind.NEW || escalated ? TextFormat.block(f) : TextFormat.update(f));
    }

    @Override
    void note(String line) {
        logger.info(line);
    }
}
