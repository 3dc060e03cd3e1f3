package dev.crosstalk.agent.finding;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A distinct finding: created at first sight, then counted. Severity only rises (a cache that turns
 * out to hold per-request data goes from info to error under the same fingerprint), and the message
 * and evidence follow the severity.
 */
public final class Finding {
    private final FindingType type;
    private final String state;
    private final String fingerprint;
    private final Instant firstSeen;
    private final LongAdder count = new LongAdder();
    private volatile long lastSeenMillis;
    private volatile Severity severity;
    private volatile String message;
    private volatile Evidence writer;
    private volatile Evidence reader;
    private volatile Map<String, Object> details;
    /** What was last reported, to know when an update is due. */
    volatile long reportedCount;
    volatile Severity reportedSeverity;

    /** A finding as first seen; later sightings go through {@link #seenAgain()}. */
    public Finding(FindingType type, Severity severity, String state, String fingerprint, String message,
            Evidence writer, Evidence reader, Map<String, Object> details) {
        this.type = type;
        this.severity = severity;
        this.state = state;
        this.fingerprint = fingerprint;
        this.message = message;
        this.writer = writer;
        this.reader = reader;
        this.details = details == null ? Map.of() : details;
        this.firstSeen = Instant.now();
        this.lastSeenMillis = firstSeen.toEpochMilli();
        this.count.increment();
    }

    /** A frozen copy (copy constructor for {@link #snapshot()}). */
    private Finding(Finding o) {
        this.type = o.type;
        this.state = o.state;
        this.fingerprint = o.fingerprint;
        this.firstSeen = o.firstSeen;
        this.count.add(o.count.sum());
        this.lastSeenMillis = o.lastSeenMillis;
        this.severity = o.severity;
        this.message = o.message;
        this.writer = o.writer;
        this.reader = o.reader;
        this.details = o.details;
    }

    /**
     * A copy frozen at this moment, to be written: what an event says is exactly what is then
     * marked as reported, so that occurrences counted meanwhile go into the next update.
     */
    public synchronized Finding snapshot() {
        return new Finding(this);
    }

    /** Its type. */
    public FindingType type() {
        return type;
    }

    /** Its current severity (it can only be raised). */
    public Severity severity() {
        return severity;
    }

    /** The state name ({@code com.acme.Settings.current}, {@code ...cache[key#3f2a]}). */
    public String state() {
        return state;
    }

    /** The stable id of the bug ({@code ct1-…}): the same for the same type, state and sites. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The sentence shown to people. */
    public String message() {
        return message;
    }

    /** The side that wrote (or published, or set), or null when the finding has none. */
    public Evidence writer() {
        return writer;
    }

    /** The side that read, or null when the finding has one side only. */
    public Evidence reader() {
        return reader;
    }

    /**
     * The webapp the state belongs to, in a servlet container with several ({@code shop}): the webapp
     * of the code that wrote it, else of the code that read it; null for a plain application.
     */
    public String webapp() {
        Evidence w = writer;
        Evidence r = reader;
        return w != null && w.webapp() != null ? w.webapp() : r == null ? null : r.webapp();
    }

    /** Type-specific evidence (missing key, fills after publication, …); JSON-ready values. */
    public Map<String, Object> details() {
        return details;
    }

    /** How many times it was seen. */
    public long count() {
        return count.sum();
    }

    /** When it was first seen. */
    public Instant firstSeen() {
        return firstSeen;
    }

    /** When it was last seen. */
    public Instant lastSeen() {
        long last = lastSeenMillis;
        return last <= firstSeen.toEpochMilli() ? firstSeen : Instant.ofEpochMilli(last);
    }

    /** One more occurrence. */
    public void seenAgain() {
        count.increment();
        long now = System.currentTimeMillis();
        if (now != lastSeenMillis) {
            lastSeenMillis = now; // at most one shared write per millisecond, not one per occurrence
        }
    }

    /** Raises the severity (never lowers it) and takes the evidence that justified the rise. */
    synchronized boolean escalate(Severity s, String newMessage, Evidence w, Evidence r, Map<String, Object> d) {
        if (!s.atLeast(severity) || s == severity) {
            return false;
        }
        severity = s;
        message = newMessage;
        writer = w;
        reader = r;
        if (d != null) {
            details = d;
        }
        return true;
    }

    boolean needsUpdate() {
        return count.sum() != reportedCount || severity != reportedSeverity;
    }

    void markReported(Finding written) {
        reportedCount = written.count();
        reportedSeverity = written.severity();
    }
}
