package dev.crosstalk.agent.userdata;

import java.lang.ref.WeakReference;

/**
 * The values one request computed from its user's inputs, by identity, each with its {@link Mark}.
 * Values are held weakly and the table is capped at {@link #MAX} entries; it is dropped when the
 * request ends, so nothing of a value outlives its request. Shared by the request's own thread and
 * the tasks it hands to executors, hence the lock around read-then-update.
 *
 * <p>Looked up on every concatenation and string call of a request that met a source, so a lookup
 * allocates nothing: an open-addressed table of identity hashes beside the weak references, probed
 * by hash before any reference is dereferenced.
 */
public final class RequestMarks {
    static final int MAX = 4096;
    private static final int FIRST_CAPACITY = 16;

    private int[] hashes = new int[FIRST_CAPACITY];
    private WeakReference<?>[] values = new WeakReference<?>[FIRST_CAPACITY];
    private Mark[] marks = new Mark[FIRST_CAPACITY];
    private int size;
    private long dropped;

    /** The mark of {@code value}, or null when it derives from no input we followed. */
    public synchronized Mark get(Object value) {
        if (value == null || size == 0) {
            return null;
        }
        int i = slot(value, System.identityHashCode(value));
        return values[i] == null ? null : marks[i];
    }

    /**
     * Adds {@code mark}'s sources to {@code value}'s. An empty string is never marked: the JDK answers
     * every empty substring, split part, trim and builder with one literal {@code ""} for the whole JVM,
     * the same object the code of every library concatenates with, so marking it would mark whatever
     * this request builds from any empty string (a class loader's entry names, a template's path);
     * and it holds nothing of an input.
     */
    public synchronized void add(Object value, Mark mark) {
        if (carriesNothing(value)) {
            return;
        }
        int hash = System.identityHashCode(value);
        int i = slot(value, hash);
        if (values[i] != null) {
            marks[i] = marks[i].union(mark);
            return;
        }
        if (size >= MAX) {
            dropped++;
            return;
        }
        if ((size + 1) * 2 > hashes.length) {
            grow();
            i = slot(value, hash);
        }
        hashes[i] = hash;
        values[i] = new WeakReference<>(value);
        marks[i] = mark;
        size++;
    }

    private static boolean carriesNothing(Object value) {
        return value instanceof String && ((String) value).isEmpty();
    }

    synchronized long dropped() {
        return dropped;
    }

    /**
     * The slot holding {@code value}, or the empty slot where it would go. A slot whose value was
     * collected keeps its place: the table dies with the request, so it needs no reclaiming.
     */
    private int slot(Object value, int hash) {
        int mask = hashes.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            WeakReference<?> ref = values[i];
            if (ref == null || (hashes[i] == hash && ref.get() == value)) {
                return i;
            }
        }
    }

    private void grow() {
        int[] oldHashes = hashes;
        WeakReference<?>[] oldValues = values;
        Mark[] oldMarks = marks;
        hashes = new int[oldHashes.length * 2];
        values = new WeakReference<?>[oldHashes.length * 2];
        marks = new Mark[oldHashes.length * 2];
        int mask = hashes.length - 1;
        size = 0;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] == null || oldValues[j].get() == null) {
                continue;
            }
            int i = mix(oldHashes[j]) & mask;
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
            hashes[i] = oldHashes[j];
            values[i] = oldValues[j];
            marks[i] = oldMarks[j];
            size++;
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
