package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.Severity;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One destination of findings (text or JSON lines) with its own minimum severity. A finding is first
 * written in full the first time it is at or above that severity (at first sight, or when it is
 * escalated), and as an update after that.
 */
abstract class Output {
    private final Severity minimum;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    Output(Severity minimum) {
        this.minimum = minimum;
    }

    final void offer(Finding f) {
        if (!f.severity().atLeast(minimum)) {
            return;
        }
        if (written.add(f.fingerprint())) {
            write(f, EventKind.NEW);
        } else {
            write(f, EventKind.UPDATE);
        }
    }

    abstract void write(Finding f, EventKind kind);

    /** A line about the agent itself (start-up, summary); outputs that carry only findings ignore it. */
    void note(String line) {
    }

    void stop() {
    }
}
