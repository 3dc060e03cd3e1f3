package dev.crosstalk.agent.report;

/** What an event says of a finding; {@link #label()} is the JSON {@code event} field. */
enum EventKind {
    /** The first time an output writes the finding. */
    NEW,
    /** A later event of the same finding: a new count, or a raised severity. */
    UPDATE;

    String label() {
        return this == NEW ? "new" : "update";
    }
}
