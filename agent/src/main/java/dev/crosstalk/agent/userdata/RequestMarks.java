package dev.crosstalk.agent.userdata;

import dev.crosstalk.agent.state.WeakIdentityMap;

/**
 * The values one request computed from its user's inputs, by identity, each with its {@link Mark}.
 * Values are held weakly and the table is capped at {@link #MAX} entries; it is dropped when the
 * request ends, so nothing of a value outlives its request. Shared by the request's own thread and
 * the tasks it hands to executors, hence the lock around read-then-update.
 */
public final class RequestMarks {
    static final int MAX = 4096;

    private final WeakIdentityMap<Mark> marks = new WeakIdentityMap<>(MAX);
    private boolean empty = true;

    /** The mark of {@code value}, or null when it derives from no input we followed. */
    public synchronized Mark get(Object value) {
        return value == null || empty ? null : marks.get(value);
    }

    /** Adds {@code mark}'s sources to {@code value}'s. */
    public synchronized void add(Object value, Mark mark) {
        Mark old = marks.get(value);
        if (marks.put(value, old == null ? mark : old.union(mark))) {
            empty = false;
        }
    }

    synchronized long dropped() {
        return marks.dropped();
    }
}
