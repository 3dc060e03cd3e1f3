package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    /** What this output's file could not write, or null for outputs that do not write files. */
    private final WriteTrouble trouble;
    /**
     * Per finding whose latest event could not be written, that event (as {@link Lost}), written again
     * once the output writes again; at most one per finding, so bounded by {@code max-findings}.
     */
    private final Map<String, Lost> lost = new LinkedHashMap<>();

    private static final class Lost {
        final Finding finding;
        final EventKind kind;
        final boolean escalated;

        Lost(Finding finding, EventKind kind, boolean escalated) {
            this.finding = finding;
            this.kind = kind;
            this.escalated = escalated;
        }
    }

    Output(Severity minimum) {
        this(minimum, null);
    }

    Output(Severity minimum, WriteTrouble trouble) {
        this.minimum = minimum;
        this.trouble = trouble;
    }

    /** Called by the reporter thread only. */
    final void offer(Finding f) {
        if (!f.severity().atLeast(minimum)) {
            return;
        }
        Severity before = written.put(f.fingerprint(), f.severity());
        if (before == null) {
            send(f, EventKind.NEW, false);
        } else {
            send(f, EventKind.UPDATE, f.severity() != before);
        }
    }

    private void send(Finding f, EventKind kind, boolean escalated) {
        if (trouble == null) {
            write(f, kind, escalated);
            return;
        }
        long notWrittenBefore = trouble.notWritten();
        write(f, kind, escalated);
        if (trouble.notWritten() > notWrittenBefore) {
            // A lost block stays a block: the file must still introduce the finding in full.
            Lost earlier = lost.remove(f.fingerprint());
            boolean full = earlier != null && (earlier.kind == EventKind.NEW || earlier.escalated);
            lost.put(f.fingerprint(), new Lost(f, full ? earlier.kind : kind, escalated || full));
            return;
        }
        lost.remove(f.fingerprint());
        writeLostAgain();
    }

    /**
     * The output writes again: the latest event of each finding it lost is written once more, so the
     * file holds every finding with its latest count (JSON marks these {@code "resync": true}).
     */
    private void writeLostAgain() {
        for (Lost l : new ArrayList<>(lost.values())) {
            long notWrittenBefore = trouble.notWritten();
            writeAgain(l.finding, l.kind, l.escalated);
            if (trouble.notWritten() > notWrittenBefore) {
                trouble.alreadyCounted(); // the event was counted when it was lost; the count is of events, not tries
                return; // failing again: the rest waits for the next success
            }
            lost.remove(l.finding.fingerprint());
        }
    }

    /** Writes again an event that could not be written when it happened; by default as it was. */
    void writeAgain(Finding f, EventKind kind, boolean escalated) {
        write(f, kind, escalated);
    }

    /** Writes an event; {@code escalated}: an update whose severity rose since the last full write. */
    abstract void write(Finding f, EventKind kind, boolean escalated);

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
