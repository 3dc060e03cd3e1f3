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
 */
public final class FindingRegistry {
    private final Map<String, Finding> byFingerprint = new ConcurrentHashMap<>();
    private final BlockingQueue<Finding> fresh = new LinkedBlockingQueue<>();
    private final int max;
    private final AtomicLong dropped = new AtomicLong();

    public FindingRegistry(int max) {
        this.max = max;
    }

    /**
     * Counts an occurrence of the finding with this fingerprint, creating it with {@code create} at
     * first sight. Returns the finding, or null when the registry is full and it is new.
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
        int size = byFingerprint.size();
        if (size >= max || severity == Severity.INFO && size >= max - max / 10) {
            dropped.incrementAndGet();
            return null;
        }
        // Built outside the map so that evidence (stacks) shows the application, not the registry.
        Finding created = create.get();
        f = byFingerprint.putIfAbsent(fingerprint, created);
        if (f != null) {
            f.seenAgain();
            return f;
        }
        fresh.add(created);
        return created;
    }

    /** Raises a finding's severity, taking the evidence that justified it. */
    public void escalate(Finding f, Severity s, String message, Evidence writer, Evidence reader,
            Map<String, Object> details) {
        f.escalate(s, message, writer, reader, details);
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

    public List<Finding> all() {
        return new ArrayList<>(byFingerprint.values());
    }

    /** Occurrences of new findings not kept because the registry was full (a finding seen twice counts twice). */
    public long dropped() {
        return dropped.get();
    }
}
