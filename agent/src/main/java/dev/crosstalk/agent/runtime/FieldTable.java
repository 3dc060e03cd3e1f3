package dev.crosstalk.agent.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Static fields by owner and name. Classes of different class loaders with the same name share an
 * entry: rare in one server, and it keeps the agent free of references to class loaders.
 */
public final class FieldTable {
    private final ConcurrentHashMap<String, StaticField> fields = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final boolean showKeys;
    final AtomicLong droppedKeys = new AtomicLong();

    public FieldTable(int maxKeys, boolean showKeys) {
        this.maxKeys = maxKeys;
        this.showKeys = showKeys;
    }

    /** The field {@code owner.name} ({@code owner} in internal form, {@code com/acme/Foo}). */
    public StaticField field(String owner, String name, String descriptor) {
        String key = owner + '.' + name;
        StaticField f = fields.get(key);
        if (f == null) {
            f = fields.computeIfAbsent(key,
                    k -> new StaticField(owner.replace('/', '.'), name, descriptor, maxKeys, droppedKeys, showKeys));
        }
        return f;
    }

    /** Declares the modifiers of a field, seen when its own class is instrumented. */
    public void declare(String owner, String name, String descriptor, boolean isFinal) {
        field(owner, name, descriptor).isFinal = isFinal;
    }

    /** A session attribute as a pseudo-field {@code jakarta.servlet.http.HttpSession.name}. */
    public StaticField sessionAttribute(String sessionInterface, String name) {
        StaticField f = field(sessionInterface.replace('.', '/'), name, "Ljava/lang/Object;");
        f.flows = false;
        f.sessionScoped = true;
        f.resettable = true;
        return f;
    }

    /** How keys are shown in state names: hashed unless the user asked for them. */
    String shownKey(Object key) {
        return Values.shownKey(key, showKeys);
    }

    /** Notes that a method other than the class initialiser writes the field: it can be reset. */
    public void declareWriteSite(String owner, String name, String descriptor) {
        field(owner, name, descriptor).resettable = true;
    }

    public int size() {
        return fields.size();
    }
}
