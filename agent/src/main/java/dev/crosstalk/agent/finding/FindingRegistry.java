package dev.crosstalk.agent.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * All distinct findings, by fingerprint, capped. Detectors call {@link #record}; the reporter takes
 * new findings from {@link #takeNew} as they appear and polls {@link #dueForUpdate} for counts.
 *
 * <p>Findings the {@link Suppression} rules out are kept apart (capped alike) and counted there: they
 * are never in {@link #all()}, so no output sees them, but a detector gets them back like any other,
 * so a repeat costs what a repeat of a reported finding costs and never builds its evidence again.
 */
public final class FindingRegistry {
    private final Map<String, Finding> byFingerprint = new ConcurrentHashMap<>();
    private final BlockingQueue<Finding> fresh = new LinkedBlockingQueue<>();
    private final int max;
    private final AtomicLong dropped = new AtomicLong();
    private final Suppression suppression;
    private final Map<String, Suppressed> suppressed = new ConcurrentHashMap<>();
    /** Occurrences of suppressed findings that came when {@link #suppressed} was full. */
    private final AtomicLong suppressedUnkept = new AtomicLong();

    /** A finding not reported, and why. */
    private static final class Suppressed {
        final Finding finding;
        final Suppression.Reason reason;

        Suppressed(Finding finding, Suppression.Reason reason) {
            this.finding = finding;
            this.reason = reason;
        }
    }

    /** A registry keeping at most {@code max} distinct findings. */
    public FindingRegistry(int max) {
        this(max, Suppression.none());
    }

    /** A registry that keeps what {@code suppression} rules out from every output. */
    public FindingRegistry(int max, Suppression suppression) {
        this.max = max;
        this.suppression = suppression;
    }

    /**
     * Counts an occurrence of the finding with this fingerprint, creating it with {@code create} at
     * first sight. Returns the finding, or null when the registry is full and it is new. A suppressed
     * finding is returned too, for the detector to count and escalate as usual; it is never reported.
     */
    public Finding record(String fingerprint, Supplier<Finding> create) {
        return record(fingerprint, Severity.ERROR, create);
    }

    /**
     * {@link #record(String, Supplier)} for a finding of {@code severity}. The last tenth of the
     * registry is kept for warnings and errors: a flood of {@code info} findings (a write-once static
     * in every class generated per request) must not leave an error unreported.
     */
    public Finding record(String fingerprint, Severity severity, Supplier<Finding> create) {
        Finding f = byFingerprint.get(fingerprint);
        if (f != null) {
            f.seenAgain();
            return f;
        }
        Suppressed s = suppressed.get(fingerprint);
        if (s != null) {
            s.finding.seenAgain();
            return s.finding;
        }
        int size = byFingerprint.size();
        if (size >= max || severity == Severity.INFO && size >= max - max / 10) {
            dropped.incrementAndGet();
            return null;
        }
        // Built outside the map so that evidence (stacks) shows the application, not the registry.
        Finding created = create.get();
        Suppression.Reason why = suppression.reason(created);
        if (why != null) {
            return suppress(fingerprint, created, why);
        }
        f = byFingerprint.putIfAbsent(fingerprint, created);
        if (f != null) {
            f.seenAgain();
            return f;
        }
        // Another thread may have suppressed it at a lower severity meanwhile: this one is the finding.
        suppressed.remove(fingerprint);
        fresh.add(created);
        return created;
    }

    private Finding suppress(String fingerprint, Finding created, Suppression.Reason why) {
        if (suppressed.size() >= max) {
            suppressedUnkept.incrementAndGet();
            return null;
        }
        Suppressed s = suppressed.putIfAbsent(fingerprint, new Suppressed(created, why));
        if (s != null) {
            s.finding.seenAgain();
            return s.finding;
        }
        return created;
    }

    /**
     * Raises a finding's severity, taking the evidence that justified it. A baseline finding that rises
     * above the severity its baseline line accepts is reported from then on.
     */
    public void escalate(Finding f, Severity s, String message, Evidence writer, Evidence reader,
            Map<String, Object> details) {
        if (f.escalate(s, message, writer, reader, details) && !suppressed.isEmpty()) {
            release(f);
        }
    }

    private void release(Finding f) {
        Suppressed s = suppressed.get(f.fingerprint());
        if (s == null || s.finding != f || suppression.reason(f) != null || !suppressed.remove(f.fingerprint(), s)) {
            return;
        }
        if (byFingerprint.size() >= max) {
            dropped.incrementAndGet();
        } else if (byFingerprint.putIfAbsent(f.fingerprint(), f) == null) {
            fresh.add(f);
        }
    }

    /** Blocks up to {@code millis} for a finding not yet reported; null if none came. */
    public Finding takeNew(long millis) throws InterruptedException {
        return fresh.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Marks {@code f} as reported as far as {@code written} (a {@link Finding#snapshot()} of it) says. */
    public void reported(Finding f, Finding written) {
        f.markReported(written);
    }

    /** Findings already reported once whose count or severity changed since. */
    public List<Finding> dueForUpdate() {
        List<Finding> due = new ArrayList<>();
        for (Finding f : byFingerprint.values()) {
            if (f.reportedSeverity != null && f.needsUpdate()) {
                due.add(f);
            }
        }
        return due;
    }

    /** Every finding kept, each as the fields of its JSON line ({@link FindingFields}). */
    public List<java.util.Map<String, Object>> asFields() {
        List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        for (Finding f : all()) {
            out.add(FindingFields.of(f.snapshot()));
        }
        return out;
    }

    /** Every finding kept, in the order they were first seen. */
    public List<Finding> all() {
        return new ArrayList<>(byFingerprint.values());
    }

    /** Occurrences of new findings not kept because the registry was full (a finding seen twice counts twice). */
    public long dropped() {
        return dropped.get();
    }

    /** Distinct findings suppressed so far (those beyond the cap are only in {@link #suppressedOccurrences}). */
    public long suppressed() {
        return suppressed.size();
    }

    /** Distinct suppressed findings by {@link Suppression.Reason#id()}, in the order of the reasons; zeros left out. */
    public Map<String, Long> suppressedByReason() {
        long[] counts = new long[Suppression.Reason.values().length];
        for (Suppressed s : suppressed.values()) {
            counts[s.reason.ordinal()]++;
        }
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Suppression.Reason r : Suppression.Reason.values()) {
            if (counts[r.ordinal()] > 0) {
                out.put(r.id(), counts[r.ordinal()]);
            }
        }
        return out;
    }

    /** How often suppressed findings occurred. */
    public long suppressedOccurrences() {
        long n = suppressedUnkept.get();
        for (Suppressed s : suppressed.values()) {
            n += s.finding.count();
        }
        return n;
    }

    /** What this registry leaves out. */
    public Suppression suppression() {
        return suppression;
    }

    /** The suppressed findings, for the baseline writer. */
    List<Finding> suppressedFindings() {
        List<Finding> out = new ArrayList<>();
        for (Suppressed s : suppressed.values()) {
            out.add(s.finding);
        }
        return out;
    }
}
