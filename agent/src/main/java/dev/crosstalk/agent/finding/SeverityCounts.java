package dev.crosstalk.agent.finding;

/** How many findings there are of each severity, for the summary line and the report. */
public final class SeverityCounts {
    private final long[] bySeverity = new long[Severity.values().length];

    private SeverityCounts() {
    }

    /** Counts {@code findings} by their current severity. */
    public static SeverityCounts of(Iterable<Finding> findings) {
        SeverityCounts counts = new SeverityCounts();
        for (Finding f : findings) {
            counts.bySeverity[f.severity().ordinal()]++;
        }
        return counts;
    }

    /** How many have {@code severity}. */
    public long get(Severity severity) {
        return bySeverity[severity.ordinal()];
    }

    /** How many there are in all. */
    public long total() {
        long n = 0;
        for (long c : bySeverity) {
            n += c;
        }
        return n;
    }
}
