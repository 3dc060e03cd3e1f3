package dev.crosstalk.agent.state;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * An identity map with weakly held keys and a size cap: the agent may remember application objects
 * it has seen in shared state without keeping them alive, and without growing without bound.
 */
public final class WeakIdentityMap<V> {
    private final Map<Ref, V> map = new HashMap<>();
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final int cap;
    private long dropped;

    /** A map that holds at most {@code cap} entries. */
    public WeakIdentityMap(int cap) {
        this.cap = cap;
    }

    /** The value stored for this very object (by identity), or null. */
    public synchronized V get(Object key) {
        return map.get(new Ref(key, null));
    }

    /** Stores the entry; returns false (and counts it) when the map is full. */
    public synchronized boolean put(Object key, V value) {
        expunge();
        if (map.size() >= cap && !map.containsKey(new Ref(key, null))) {
            dropped++;
            return false;
        }
        map.put(new Ref(key, queue), value);
        return true;
    }

    /** Removes the entry and returns its value, or null when there was none. */
    public synchronized V remove(Object key) {
        return map.remove(new Ref(key, null));
    }

    /** How many entries are held. */
    public synchronized int size() {
        expunge();
        return map.size();
    }

    /** How many entries were refused because the map was full. */
    public synchronized long dropped() {
        return dropped;
    }

    private void expunge() {
        Object r;
        while ((r = queue.poll()) != null) {
            map.remove(r);
        }
    }

    private static final class Ref extends WeakReference<Object> {
        private final int hash;

        Ref(Object referent, ReferenceQueue<Object> q) {
            super(referent, q);
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
            if (!(o instanceof Ref)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((Ref) o).get();
        }
    }
}
