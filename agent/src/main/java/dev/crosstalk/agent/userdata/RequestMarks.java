package dev.crosstalk.agent.userdata;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The values one request computed from its user's inputs, by identity, each with its {@link Mark}.
 * Values are held weakly and the table is capped at {@link #MAX} entries; it is dropped when the
 * request ends, so nothing of a value outlives its request. Shared by the request's own thread and
 * the tasks it hands to executors, hence the lock.
 */
public final class RequestMarks {
    static final int MAX = 4096;

    private final Map<Ref, Mark> marks = new HashMap<>();
    private long dropped;

    /** The mark of {@code value}, or null when it derives from no input we followed. */
    public synchronized Mark get(Object value) {
        return value == null || marks.isEmpty() ? null : marks.get(new Ref(value));
    }

    /** Adds {@code mark}'s sources to {@code value}'s. */
    public synchronized void add(Object value, Mark mark) {
        Ref ref = new Ref(value);
        Mark old = marks.get(ref);
        if (old == null && marks.size() >= MAX) {
            dropped++;
            return;
        }
        marks.put(ref, old == null ? mark : old.union(mark));
    }

    synchronized long dropped() {
        return dropped;
    }

    private static final class Ref extends WeakReference<Object> {
        private final int hash;

        Ref(Object referent) {
            super(referent);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Object mine = get();
            return o instanceof Ref && mine != null && mine == ((Ref) o).get();
        }
    }
}
