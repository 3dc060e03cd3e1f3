package dev.crosstalk.agent.state;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Static fields (and instance fields of shared objects) by webapp, owner and name. Classes of
 * different webapps with the same name (one WAR under two context paths) have separate entries; the
 * webapp is kept as its name, never its class loader, so an undeployed webapp can be collected and
 * its redeployment finds its fields again.
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

    /** A table of at most {@link #DEFAULT_MAX} fields, each tracking at most {@code maxKeys} keys one by one. */
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
        return field(owner, name, descriptor, null);
    }

    /**
     * The field {@code owner.name} of classes of {@code webapp} (see {@code Webapps}; null for a plain
     * application's classes), or null when it is new and the table is full.
     */
    public StaticField field(String owner, String name, String descriptor, String webapp) {
        String stateName = owner.replace('/', '.') + '.' + name;
        // A plain application's state name is the key itself (kept once as key and name); a webapp's
        // key adds a part no state name can contain.
        String key = webapp == null ? stateName : stateName + '\u0000' + webapp;
        StaticField f = fields.get(key);
        if (f == null) {
            if (fields.size() >= max) {
                return null;
            }
            // Descriptors repeat across classes (Ljava/lang/String;): one copy each, not one per class.
            f = fields.computeIfAbsent(key, k -> new StaticField(webapp == null ? k : stateName, descriptor.intern(),
                    maxKeys, droppedKeys, showKeys, webapp));
        }
        return f;
    }

    /** Declares the modifiers of a field, seen when its own class is instrumented; false when the table is full. */
    public boolean declare(String owner, String name, String descriptor, boolean isFinal) {
        return declare(owner, name, descriptor, isFinal, null);
    }

    /** {@link #declare(String, String, String, boolean)} for a field of a class of {@code webapp}. */
    public boolean declare(String owner, String name, String descriptor, boolean isFinal, String webapp) {
        StaticField f = field(owner, name, descriptor, webapp);
        if (f == null) {
            return false;
        }
        f.isFinal = isFinal;
        return true;
    }

    /** A session attribute as a pseudo-field {@code jakarta.servlet.http.HttpSession.name}; null when full. */
    public StaticField sessionAttribute(String sessionInterface, String name) {
        return sessionAttribute(sessionInterface, name, null);
    }

    /** A session attribute of {@code webapp} (each webapp has its own sessions); null when full. */
    public StaticField sessionAttribute(String sessionInterface, String name, String webapp) {
        StaticField f = field(sessionInterface.replace('.', '/'), name, "Ljava/lang/Object;", webapp);
        if (f == null) {
            return null;
        }
        f.sessionScoped = true;
        f.resettable();
        return f;
    }

    /**
     * A servlet-context attribute as a pseudo-field {@code jakarta.servlet.ServletContext.name}: every
     * request of the webapp reaches it, as it reaches a static. Null when full.
     */
    public StaticField contextAttribute(String contextInterface, String name, String webapp) {
        StaticField f = field(contextInterface.replace('.', '/'), name, "Ljava/lang/Object;", webapp);
        if (f != null) {
            f.resettable();
        }
        return f;
    }

    /** How keys are shown in state names: hashed unless the user asked for them. */
    public String shownKey(Object key) {
        return Values.shownKey(key, showKeys);
    }

    /** Notes that a method other than the class initialiser writes the field: it can be reset; false when full. */
    public boolean declareWriteSite(String owner, String name, String descriptor) {
        return declareWriteSite(owner, name, descriptor, null);
    }

    /** {@link #declareWriteSite(String, String, String)} for a field of a class of {@code webapp}. */
    public boolean declareWriteSite(String owner, String name, String descriptor, String webapp) {
        StaticField f = field(owner, name, descriptor, webapp);
        if (f == null) {
            return false;
        }
        f.resettable();
        return true;
    }

    /** How many fields the table holds. */
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
