package dev.crosstalk.junit;

import java.util.Locale;

/** The agent's finding severities, lowest first, for {@link CrosstalkGate#failOn()}. */
public enum Severity {
    /** Sharing that looks intended: a write-once value, a stable cache, a counter. */
    INFO,
    /** A pattern that becomes a bug under load, such as state published before it is filled at startup. */
    WARNING,
    /** Data of one request reaching another, or state read half-built or while being reset. */
    ERROR;

    /** The agent's spelling: {@code info}, {@code warning}, {@code error}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the agent's spelling (any case); null for anything else. */
    static Severity parse(String s) {
        for (Severity v : values()) {
            if (v.label().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return v;
            }
        }
        return null;
    }
}
