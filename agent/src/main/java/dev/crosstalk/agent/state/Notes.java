package dev.crosstalk.agent.state;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A detector's own notes on objects of this room (RoadRunner's "decorations"): the last reset of a
 * field, the last flow seen at a cell. The detector keeps them here rather than on the field or cell,
 * so that what is kept carries no detector's data. Keys are this room's objects ({@link StaticField},
 * {@link StateCell}), compared by identity as the field table hands them out; never application
 * objects. Capped: once full, a key without a note gets none, and the detector does without.
 *
 * @param <K> what is noted on: a field or a cell
 * @param <V> the note
 */
public final class Notes<K, V> {
    private final ConcurrentHashMap<K, V> notes = new ConcurrentHashMap<>();
    private final int cap;
    private final AtomicLong dropped = new AtomicLong();

    /** Notes on at most {@code cap} keys. */
    public Notes(int cap) {
        this.cap = cap;
    }

    /** The note on {@code key}, or null when there is none. */
    public V get(K key) {
        return notes.get(key);
    }

    /** Notes {@code note} on {@code key}, replacing the one before; counted and left out when full. */
    public void put(K key, V note) {
        if (notes.size() >= cap && !notes.containsKey(key)) {
            dropped.incrementAndGet();
            return;
        }
        notes.put(key, note);
    }

    /** How many keys have a note. */
    public int size() {
        return notes.size();
    }

    /** How many notes were left out because the cap was reached. */
    public long dropped() {
        return dropped.get();
    }
}
