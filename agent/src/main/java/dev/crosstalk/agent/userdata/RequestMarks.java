package dev.crosstalk.agent.userdata;

import java.lang.ref.WeakReference;

/**
 * The values one request computed from its user's inputs, by identity, each with its {@link Mark}.
 * Values are held weakly and the table is capped at {@link #MAX} entries; it is dropped when the
 * request ends, so nothing of a value outlives its request. Shared by the request's own thread and
 * the tasks it hands to executors, hence the lock around read-then-update.
 *
 * <p>Looked up on every concatenation and string call of a request that met a source, so a lookup
 * allocates nothing. Most requests mark a handful of values: up to {@link #LINEAR} are kept in a
 * list and compared by identity, without asking for an identity hash (a value's first costs a call
 * into the VM, and most marked values are new). Past that, an open-addressed table of identity
 * hashes beside the weak references, probed by hash before any reference is dereferenced.
 */
public final class RequestMarks {
    static final int MAX = 4096;
    /** Values kept in a list before the table switches to hashing. */
    static final int LINEAR = 8;
    private static final int FIRST_CAPACITY = 16;

    /** Null while the values are a list (the first {@link #size} slots). */
    private int[] hashes;
    private WeakReference<?>[] values = new WeakReference<?>[LINEAR];
    private Mark[] marks = new Mark[LINEAR];
    private int size;
    private long dropped;

    /** The mark of {@code value}, or null when it derives from no input we followed. */
    public synchronized Mark get(Object value) {
        return markOf(value);
    }

    /** The union of the marks of {@code parts} (nulls allowed), or null when none is marked; one lock for all. */
    public synchronized Mark unionOf(Object[] parts) {
        return union(parts);
    }

    /**
     * Marks {@code result} with the mark of {@code from}, when it has one: a lookup and an update under
     * one lock (taken on every concatenation of a request that met a source).
     */
    public synchronized void derive(Object from, Object result) {
        Mark m = markOf(from);
        if (m != null) {
            put(result, m);
        }
    }

    /** Marks {@code result} with the union of the marks of {@code from}, when one is marked; one lock. */
    public synchronized void deriveAll(Object[] from, Object result) {
        Mark all = union(from);
        if (all != null) {
            put(result, all);
        }
    }

    private Mark union(Object[] parts) {
        Mark all = null;
        for (Object part : parts) {
            Mark m = markOf(part);
            if (m != null) {
                all = all == null ? m : all.union(m);
            }
        }
        return all;
    }

    private Mark markOf(Object value) {
        if (value == null || size == 0) {
            return null;
        }
        if (hashes == null) {
            int i = listed(value);
            return i < 0 ? null : marks[i];
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
        put(value, mark);
    }

    private void put(Object value, Mark mark) {
        if (carriesNothing(value)) {
            return;
        }
        if (hashes == null) {
            int i = listed(value);
            if (i >= 0) {
                marks[i] = marks[i].union(mark);
                return;
            }
            if (size < LINEAR) {
                values[size] = new WeakReference<>(value);
                marks[size] = mark;
                size++;
                return;
            }
            rehash(FIRST_CAPACITY);
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
            rehash(hashes.length * 2);
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

    /** The index of {@code value} in the list, or -1. */
    private int listed(Object value) {
        for (int i = 0; i < size; i++) {
            if (values[i].get() == value) {
                return i;
            }
        }
        return -1;
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

    /** Moves the live values (of the list or the table) into a table of {@code capacity} slots. */
    private void rehash(int capacity) {
        WeakReference<?>[] oldValues = values;
        Mark[] oldMarks = marks;
        int[] oldHashes = hashes;
        hashes = new int[capacity];
        values = new WeakReference<?>[capacity];
        marks = new Mark[capacity];
        int mask = capacity - 1;
        size = 0;
        for (int j = 0; j < oldValues.length; j++) {
            Object value = oldValues[j] == null ? null : oldValues[j].get();
            if (value == null) {
                continue;
            }
            int hash = oldHashes == null ? System.identityHashCode(value) : oldHashes[j];
            int i = mix(hash) & mask;
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
            hashes[i] = hash;
            values[i] = oldValues[j];
            marks[i] = oldMarks[j];
            size++;
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
