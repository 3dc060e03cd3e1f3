package dev.crosstalk.agent.userdata;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the arguments of an {@code entry=} method are called in a mark: the parameter's name where the
 * class was compiled with {@code -parameters}, else its index ({@code 0}, {@code 1}, …). Found once per
 * method. Primitive parameters have no name here: a boxed number is a shared object, and is not marked.
 */
final class EntryArguments {
    private static final String[] UNKNOWN = new String[0];

    private static final ClassValue<Map<String, String[]>> NAMES = new ClassValue<>() {
        @Override
        protected Map<String, String[]> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private EntryArguments() {
    }

    /** The names of {@code owner.method descriptor}'s parameters, null for primitive ones; empty if not found. */
    static String[] names(Class<?> owner, String method, String descriptor) {
        return NAMES.get(owner).computeIfAbsent(method + descriptor, k -> find(owner, method, descriptor));
    }

    private static String[] find(Class<?> owner, String method, String descriptor) {
        for (Method m : owner.getDeclaredMethods()) {
            if (!m.getName().equals(method)
                    || !MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString()
                            .equals(descriptor)) {
                continue;
            }
            Parameter[] params = m.getParameters();
            String[] names = new String[params.length];
            for (int i = 0; i < params.length; i++) {
                if (!params[i].getType().isPrimitive()) {
                    names[i] = params[i].isNamePresent() ? params[i].getName() : String.valueOf(i);
                }
            }
            return names;
        }
        return UNKNOWN;
    }
}
