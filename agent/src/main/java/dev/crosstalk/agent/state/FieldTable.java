package dev.crosstalk.agent.state;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Static fields (and instance fields of shared objects) by owner and name. Classes of different class
 * loaders with the same name share an entry: rare in one server, and it keeps the agent free of
 * references to class loaders.
 *
 * <p>Capped: classes generated per request (proxies, scripts, templates) each bring new fields. Once
 * full, {@link #field} answers null for a field it does not know; the transformer then leaves the
 * class unchanged.
 */
public final class FieldTable {
    /** Default cap: a few hundred bytes each, so at most some tens of MB. */
    public static final int DEFAULT_MAX = 200_000;

    private final ConcurrentHashMap<String, StaticField> fields = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final boolean showKeys;
    private final int max;
    /** Key accesses that found their container's {@code max-keys} reached and used its shared cell. */
    public final AtomicLong droppedKeys = new AtomicLong();

    public FieldTable(int maxKeys, boolean showKeys) {
        this(maxKeys, showKeys, DEFAULT_MAX);
    }

    /** A table of at most {@code maxFields} fields, each tracking at most {@code maxKeys} keys one by one. */
    public FieldTable(int maxKeys, boolean showKeys, int maxFields) {
        this.maxKeys = maxKeys;
        this.showKeys = showKeys;
        this.max = maxFields;
    }

    /**
     * The field {@code owner.name} ({@code owner} in internal form, {@code com/acme/Foo}), or null when
     * it is new and the table is full. Concurrent callers may overshoot the cap by a few entries.
     */
    public StaticField field(String owner, String name, String descriptor) {
        String key = owner.replace('/', '.') + '.' + name; // the state name, kept once as key and name
        StaticField f = fields.get(key);
        if (f == null) {
            if (fields.size() >= max) {
                return null;
            }
            // Descriptors repeat across classes (Ljava/lang/String;): one copy each, not one per class.
            f = fields.computeIfAbsent(key, k -> new StaticField(k, descriptor.intern(), maxKeys, droppedKeys, showKeys));
        }
        return f;
    }

    /** Declares the modifiers of a field, seen when its own class is instrumented; false when the table is full. */
    public boolean declare(String owner, String name, String descriptor, boolean isFinal) {
        StaticField f = field(owner, name, descriptor);
        if (f == null) {
            return false;
        }
        f.isFinal = isFinal;
        return true;
    }

    /** A session attribute as a pseudo-field {@code jakarta.servlet.http.HttpSession.name}; null when full. */
    public StaticField sessionAttribute(String sessionInterface, String name) {
        StaticField f = field(sessionInterface.replace('.', '/'), name, "Ljava/lang/Object;");
        if (f == null) {
            return null;
        }
        f.flows = false;
        f.sessionScoped = true;
        f.resettable = true;
        return f;
    }

    /** How keys are shown in state names: hashed unless the user asked for them. */
    public String shownKey(Object key) {
        return Values.shownKey(key, showKeys);
    }

    /** Notes that a method other than the class initialiser writes the field: it can be reset; false when full. */
    public boolean declareWriteSite(String owner, String name, String descriptor) {
        StaticField f = field(owner, name, descriptor);
        if (f == null) {
            return false;
        }
        f.resettable = true;
        return true;
    }

    public int size() {
        return fields.size();
    }

    /** No new field fits: classes loaded from now on are left uninstrumented. */
    public boolean full() {
        return fields.size() >= max;
    }

    /** Accesses to keys past {@code max-keys} of their container, tracked together in its shared cell. */
    public long droppedKeys() {
        return droppedKeys.get();
    }
}
