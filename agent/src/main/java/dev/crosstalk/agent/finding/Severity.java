package dev.crosstalk.agent.finding;

import java.util.Locale;

/** Finding severities, in the spec's spelling ({@code info}, {@code warning}, {@code error}). */
public enum Severity {
    /** The lowest: sharing most likely by design (a value written once, a cache), for review. */
    INFO,
    /** The middle: likely a bug, by the spec's rules for its type. */
    WARNING,
    /** The highest: a bug, by the spec's rules for its type. */
    ERROR;

    /** The spelling in output: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code info|warning|error}; null for anything else. */
    public static Severity parse(String s) {
        for (Severity v : values()) {
            if (v.label().equals(s)) {
                return v;
            }
        }
        return null;
    }

    /** True when this severity is {@code other} or worse. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
