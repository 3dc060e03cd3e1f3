package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Severity;

/**
 * Judges a cross-request flow as the spec says: a cache is sharing by design, per-request data in a
 * global is a bug. A state is per-request data when two different requests overwrote it with
 * different values (not by accumulating); for one key of a container, that is an incompletely keyed
 * cache. Anything else (written once, always the same value, or accumulated) is information.
 */
public final class FlowJudge {
    private FlowJudge() {
    }

    /** The severity of a flow and the sentence that says why it was judged so. */
    public static final class Verdict {
        private final Severity severity;
        private final String message;

        /** A judgement: how bad it is, and what to tell people. */
        public Verdict(Severity severity, String message) {
            this.severity = severity;
            this.message = message;
        }

        /** How bad it is. */
        public Severity severity() {
            return severity;
        }

        /** The sentence shown to people. */
        public String message() {
            return message;
        }
    }

    /** The severity and message of a cross-request flow with {@code f}'s facts. */
    public static Verdict judge(FlowFacts f) {
        if (f.diverged) {
            String pair = f.firstWriter + " and " + f.divergingWriter;
            if (f.keyed) {
                return new Verdict(Severity.ERROR, "Incompletely keyed cache: the same key of " + f.state
                        + " was given different values by different requests (" + pair + "), and " + f.reader
                        + " was served the value that " + f.writer + " wrote. The value depends on more than the key.");
            }
            return new Verdict(Severity.ERROR, "Per-request data in shared state: " + f.state
                    + " was overwritten with different values by different requests (" + pair + "), and "
                    + f.reader + " read the value that " + f.writer + " wrote.");
        }
        if (f.accumulated) {
            return new Verdict(Severity.INFO, "Accumulation: requests that wrote " + f.state
                    + " read it first (a counter or an aggregate); " + f.reader + " read what " + f.writer + " left.");
        }
        if (f.refilledAfter != null) {
            return new Verdict(Severity.INFO, "Single-entry cache: requests wrote " + f.state + " holding a lock, after"
                    + " reading " + f.refilledAfter + " there and finding another request's value (the key the"
                    + " value is kept for); " + f.reader + " read what " + f.writer + " wrote.");
        }
        if (f.firstWriter != null && !f.firstWriter.equals(f.writer)) {
            return new Verdict(Severity.INFO, "Cache with stable values: every request that wrote " + f.state
                    + " wrote the same value; " + f.reader + " read the one " + f.writer + " wrote.");
        }
        return new Verdict(Severity.INFO, "Write-once-read-many: " + f.writer + " wrote " + f.state + " and "
                + f.reader + " read it; no other request wrote a different value (a lazily built value or a cache).");
    }
}
