package dev.crosstalk.agent.state;

import dev.crosstalk.bootstrap.Gates;
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

    /** {@code com.acme.Foo.bar}: also the field table's key and the value cell's name (one string for all three). */
    private final String stateName;
    private final String descriptor;
    private final StateCell value;
    /** Made when first needed: most fields never hold a container (a few hundred bytes saved per field). */
    private volatile StateCell contents;
    private volatile ConcurrentHashMap<Long, StateCell> keys;
    private final int maxKeys;
    private final AtomicLong droppedKeys;
    private final boolean showKeys;
    /** The webapp whose classes hold this field, or null for a plain application's. */
    private final String webapp;

    /** Set once a request has written this field or its contents ({@link #requestWritten()}); until then reads cost one check. */
    public volatile boolean requestWritten;
    /** The field is declared {@code final}. */
    public volatile boolean isFinal;
    /** Written outside the class initialiser, or cleared ({@link #resettable()}): its contents can be replaced while in use. */
    public volatile boolean resettable;
    /** A session attribute, or a field of an object only one session's requests reach. */
    public volatile boolean sessionScoped;
    /** The container this field was last seen holding, to skip re-registering it on every read. */
    public volatile WeakReference<Object> container = NONE;

    /** A request wrote this field or its contents: from now on its reads are judged. */
    public void requestWritten() {
        if (!requestWritten) {
            requestWritten = true;
            Gates.staticsChanged();
        }
    }

    /** Its contents can be replaced while in use: from now on its reads are checked for a reset. */
    public void resettable() {
        if (!resettable) {
            resettable = true;
            Gates.staticsChanged();
        }
    }

    /** @param stateName {@code com.acme.Foo.bar}: the owner with dots, a dot, the field's name */
    public StaticField(String stateName, String descriptor, int maxKeys, AtomicLong droppedKeys, boolean showKeys) {
        this(stateName, descriptor, maxKeys, droppedKeys, showKeys, null);
    }

    /** @param webapp the webapp whose classes hold the field (see {@code Webapps}), or null */
    public StaticField(String stateName, String descriptor, int maxKeys, AtomicLong droppedKeys, boolean showKeys,
            String webapp) {
        this.webapp = webapp;
        this.stateName = stateName;
        this.descriptor = descriptor;
        this.maxKeys = maxKeys;
        this.droppedKeys = droppedKeys;
        this.showKeys = showKeys;
        this.value = new StateCell(stateName, this, false);
    }

    /**
     * Whether {@code other} is another field of the same class ({@code com.acme.Foo.bar} and
     * {@code com.acme.Foo.baz}): fields one object, or one class's statics, keep side by side.
     */
    public boolean besides(StaticField other) {
        int dot = stateName.lastIndexOf('.');
        return other != this && dot > 0 && other.stateName.length() > dot && other.stateName.charAt(dot) == '.'
                && other.stateName.indexOf('.', dot + 1) < 0 && stateName.regionMatches(0, other.stateName, 0, dot);
    }

    /** {@code com.acme.PatternRemixer.sampleCache}. */
    public String stateName() {
        return stateName;
    }

    /** The webapp whose classes hold this field ({@code shop}), or null for a plain application's. */
    public String webapp() {
        return webapp;
    }

    /** The field's type descriptor ({@code Ljava/util/Map;}, {@code I}). */
    public String descriptor() {
        return descriptor;
    }

    /** A field of a primitive type. */
    public boolean primitive() {
        return descriptor.length() == 1;
    }

    /** The cell of the field's own value. */
    public StateCell valueCell() {
        return value;
    }

    /** The whole contents of the container the field holds (iteration, collection elements). */
    public StateCell contentsCell() {
        StateCell c = contents;
        if (c == null) {
            synchronized (this) {
                c = contents;
                if (c == null) {
                    c = new StateCell(stateName + "[*]", this, false);
                    contents = c;
                }
            }
        }
        return c;
    }

    private ConcurrentHashMap<Long, StateCell> keys() {
        ConcurrentHashMap<Long, StateCell> k = keys;
        if (k == null) {
            synchronized (this) {
                k = keys;
                if (k == null) {
                    k = new ConcurrentHashMap<>();
                    keys = k;
                }
            }
        }
        return k;
    }

    /** The cell for one key of the container this field holds; the contents cell once keys overflow. */
    public StateCell keyCell(Object key) {
        long digest = Values.keyDigest(key);
        ConcurrentHashMap<Long, StateCell> keys = keys();
        StateCell cell = keys.get(digest);
        if (cell != null) {
            return cell;
        }
        if (keys.size() >= maxKeys) {
            droppedKeys.incrementAndGet();
            return contentsCell();
        }
        String shown = Values.shownKey(key, showKeys);
        return keys.computeIfAbsent(digest, d -> new StateCell(stateName + "[" + shown + "]", this, true));
    }
}
