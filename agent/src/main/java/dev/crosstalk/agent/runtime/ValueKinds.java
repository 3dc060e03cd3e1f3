package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.state.Values;
import java.util.function.Predicate;

/**
 * Which values stored into shared state are tracked, and how: containers (maps, collections) by
 * their operations, "structs" (application objects filled field by field) by their fields. Objects
 * of classes the application marked as shared on purpose ({@code @ThreadSafe}) are neither.
 */
final class ValueKinds {
    private final ClassValue<Boolean> marked;
    private final ClassValue<Boolean> structs;

    /**
     * @param isStruct which classes are application classes whose objects, stored into shared state
     *                 and then filled field by field, are "structs" (the plain-object settings)
     * @param isMarked which classes the application marked as shared on purpose
     */
    ValueKinds(Predicate<Class<?>> isStruct, Predicate<Class<?>> isMarked) {
        this.marked = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return isMarked.test(type);
            }
        };
        this.structs = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return !type.isEnum() && !type.isArray() && !type.isSynthetic()
                        && !"java.lang.Record".equals(type.getSuperclass() == null ? null : type.getSuperclass().getName())
                        && isStruct.test(type) && !isMarked.test(type);
            }
        };
    }

    boolean isContainer(Object value) {
        return Values.isContainer(value) && !marked.get(value.getClass());
    }

    boolean isStruct(Object value) {
        return value != null && structs.get(value.getClass());
    }
}
