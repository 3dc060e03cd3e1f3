package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.Severity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One destination of findings (text or JSON lines) with its own minimum severity. A finding is
 * written in full the first time it is at or above that severity and again whenever its severity
 * rises (its message and evidence changed with it); otherwise as an update.
 */
abstract class Output {
    private final Severity minimum;
    /** The severity each finding had when it was last written in full. */
    private final Map<String, Severity> written = new ConcurrentHashMap<>();

    Output(Severity minimum) {
        this.minimum = minimum;
    }

    final void offer(Finding f) {
        if (!f.severity().atLeast(minimum)) {
            return;
        }
        Severity before = written.put(f.fingerprint(), f.severity());
        if (before == null) {
            write(f, EventKind.NEW);
        } else {
            write(f, EventKind.UPDATE, f.severity() != before);
        }
    }

    /** Writes an event; {@code escalated}: an update whose severity rose since the last full write. */
    abstract void write(Finding f, EventKind kind, boolean escalated);

    private void write(Finding f, EventKind kind) {
        write(f, kind, false);
    }

    /** A line about the agent itself (start-up, summary); outputs that carry only findings ignore it. */
    void note(String line) {
    }

    /**
     * The JVM is exiting and every event has been written: an output that delivers them elsewhere gets
     * up to {@code maxMillis} to do so.
     */
    void drain(long maxMillis) {
    }

    void stop() {
    }
}
