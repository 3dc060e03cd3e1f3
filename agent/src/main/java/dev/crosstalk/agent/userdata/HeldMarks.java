package dev.crosstalk.agent.userdata;

import dev.crosstalk.agent.state.ReferenceFields;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;

/**
 * The mark of an object built from marked values: a record or DTO whose fields hold them, a JDK list,
 * set or map filled with them, an array of them. IAST agents either carry taint ranges on every
 * object a value is stored into (a hook on each field store and collection call) or look at an
 * object when it reaches a sink; crosstalk takes the second way, since its sink (a write into shared
 * state) is already hooked: the object is looked into once, when it is written into shared state by
 * a request that met a source, and what it holds in this request's {@link RequestMarks} becomes its
 * own mark. Nothing is hooked on the way the object is built.
 *
 * <p>Looked into: the object's reference fields, a collection's elements, a map's keys and values,
 * an array's elements, and the same one level below them (a record holding a list of marked names);
 * at most {@link #BUDGET} members in all. Only JDK containers ({@code java.util}) are iterated, so no
 * application code runs; a container changed under the walk by another thread ends it with what was
 * found so far.
 */
final class HeldMarks {
    /** The most members looked at for one object, below it included. */
    static final int BUDGET = 64;
    /** How many levels below the written object are looked into: its members and theirs. */
    private static final int DEPTH = 2;

    private static final byte LEAF = 0;
    private static final byte CONTAINER = 1;
    private static final byte ARRAY = 2;
    private static final byte OBJECT = 3;

    /**
     * What an object of a class can hold: JDK containers, reference arrays and application objects are
     * looked into; strings, boxes and the JDK's other classes carry their own mark or none.
     */
    private static final ClassValue<Byte> SHAPE = new ClassValue<>() {
        @Override
        protected Byte computeValue(Class<?> type) {
            if (type.isArray()) {
                return type.getComponentType().isPrimitive() ? LEAF : ARRAY;
            }
            if (type.getClassLoader() == null) {
                boolean jdkContainer = type.getName().startsWith("java.util.")
                        && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type));
                return jdkContainer ? CONTAINER : LEAF;
            }
            return type.isEnum() ? LEAF : OBJECT;
        }
    };

    private final RequestMarks marks;
    /** Null when looking for marks below an object; else the mark given to everything below it. */
    private final Mark spreading;
    private int budget = BUDGET;
    private Mark found;

    private HeldMarks(RequestMarks marks, Mark spreading) {
        this.marks = marks;
        this.spreading = spreading;
    }

    /**
     * {@code value}'s own mark, else the marks of what it holds (then also remembered as its own, so
     * the object carries them for the rest of the request); null when neither.
     */
    static Mark of(RequestMarks marks, Object value) {
        Mark own = marks.get(value);
        if (own != null || SHAPE.get(value.getClass()) == LEAF) {
            return own;
        }
        HeldMarks walk = new HeldMarks(marks, null);
        walk.members(value, DEPTH);
        if (walk.found != null) {
            marks.add(value, walk.found);
        }
        return walk.found;
    }

    /**
     * Marks {@code input} and what it holds, one level down, with {@code mark}: an input object's
     * fields (a message's customer id) are that input too, read through getters the agent does not
     * follow.
     */
    static void spread(RequestMarks marks, Object input, Mark mark) {
        marks.add(input, mark);
        if (SHAPE.get(input.getClass()) != LEAF) {
            new HeldMarks(marks, mark).members(input, 1);
        }
    }

    private void members(Object holder, int depth) {
        try {
            switch (SHAPE.get(holder.getClass())) {
                case CONTAINER:
                    if (holder instanceof Map) {
                        for (Map.Entry<?, ?> e : ((Map<?, ?>) holder).entrySet()) {
                            if (!member(e.getKey(), depth) || !member(e.getValue(), depth)) {
                                return;
                            }
                        }
                    } else {
                        for (Object element : (Collection<?>) holder) {
                            if (!member(element, depth)) {
                                return;
                            }
                        }
                    }
                    return;
                case ARRAY:
                    for (Object element : (Object[]) holder) {
                        if (!member(element, depth)) {
                            return;
                        }
                    }
                    return;
                case OBJECT:
                    for (Field f : ReferenceFields.of(holder.getClass())) {
                        if (!member(f.get(holder), depth)) {
                            return;
                        }
                    }
                    return;
                default:
                    return;
            }
        } catch (RuntimeException | IllegalAccessException e) {
            // changed under the walk by another thread, or a field we may not read: keep what was found
        }
    }

    /** Looks at one member; false when the budget is spent. */
    private boolean member(Object value, int depth) {
        if (budget-- <= 0) {
            return false;
        }
        if (value == null) {
            return true;
        }
        if (spreading != null) {
            marks.add(value, spreading);
            return budget > 0;
        }
        Mark m = marks.get(value);
        if (m != null) {
            found = found == null ? m : found.union(m);
        } else if (depth > 1 && SHAPE.get(value.getClass()) != LEAF) {
            members(value, depth - 1);
        }
        return budget > 0;
    }
}
