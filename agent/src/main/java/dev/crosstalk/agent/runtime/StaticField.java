package dev.crosstalk.agent.runtime;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A static field of an application class: the root of a shared state. Holds the cell of the field's
 * own value and, when the field holds a container, a cell per key of that container (keyed by a
 * digest of the key, never the key itself, and capped).
 */
public final class StaticField {
    private static final WeakReference<Object> NONE = new WeakReference<>(null);

    private final String owner;
    private final String name;
    private final String descriptor;
    private final StateCell value;
    private final StateCell contents;
    private final ConcurrentHashMap<Long, StateCell> keys = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final AtomicLong droppedKeys;
    private final boolean showKeys;

    /** Set once a request has written this field or its contents; until then reads cost one check. */
    volatile boolean requestWritten;
    volatile boolean isFinal;
    /** Written outside the class initialiser, or cleared: requests remember which epoch they read. */
    volatile boolean resettable;
    /** Incremented each time a request replaces or clears the contents; see {@link Resets}. */
    volatile int epoch;
    volatile ResetRecord lastReset;
    /** False for session attributes: sharing between a session's own requests is what sessions are for. */
    volatile boolean flows = true;
    /** A session attribute: resets only concern requests of the same session. */
    volatile boolean sessionScoped;
    /** The container this field was last seen holding, to skip re-registering it on every read. */
    volatile WeakReference<Object> container = NONE;

    StaticField(String owner, String name, String descriptor, int maxKeys, AtomicLong droppedKeys, boolean showKeys) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.maxKeys = maxKeys;
        this.droppedKeys = droppedKeys;
        this.showKeys = showKeys;
        this.value = new StateCell(stateName(), this, false);
        this.contents = new StateCell(stateName() + "[*]", this, false);
    }

    /** {@code com.acme.PatternRemixer.sampleCache}. */
    public String stateName() {
        return owner + "." + name;
    }

    String descriptor() {
        return descriptor;
    }

    boolean primitive() {
        return descriptor.length() == 1;
    }

    StateCell valueCell() {
        return value;
    }

    /** The whole contents of the container the field holds (iteration, collection elements). */
    StateCell contentsCell() {
        return contents;
    }

    /** The cell for one key of the container this field holds; the contents cell once keys overflow. */
    StateCell keyCell(Object key) {
        long digest = Values.keyDigest(key);
        StateCell cell = keys.get(digest);
        if (cell != null) {
            return cell;
        }
        if (keys.size() >= maxKeys) {
            droppedKeys.incrementAndGet();
            return contents;
        }
        String shown = Values.shownKey(key, showKeys);
        return keys.computeIfAbsent(digest, d -> new StateCell(stateName() + "[" + shown + "]", this, true));
    }
}
