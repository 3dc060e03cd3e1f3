package dev.crosstalk.agent.state;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's readable instance fields of reference type (at most {@link #MAX}), found once per class:
 * objects of one class are published over and over, and looking into what one holds must not walk
 * its class each time.
 */
public final class ReferenceFields {
    /** The most fields listed for one class (its own and its superclasses'). */
    public static final int MAX = 64;

    private static final Field[] NONE = new Field[0];

    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || out.size() >= MAX) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        out.add(f);
                    } catch (RuntimeException e) {
                        // a field we may not read (module rules): nothing the application stores there is seen
                    }
                }
            }
            return out.isEmpty() ? NONE : out.toArray(NONE);
        }
    };

    private ReferenceFields() {
    }

    /** The readable reference fields of {@code type}; the array is shared, never to be changed. */
    public static Field[] of(Class<?> type) {
        return FIELDS.get(type);
    }
}
