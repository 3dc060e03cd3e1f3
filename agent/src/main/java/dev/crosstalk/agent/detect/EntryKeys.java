package dev.crosstalk.agent.detect;

import java.util.function.Predicate;

/**
 * Whether a thread other than the publisher can look a map entry up by its key before the publisher
 * hands the key over. A key compared by value (a {@code String}, a number, a record) can be made by
 * anyone; a key compared by identity can only be named by a thread that holds that very object: a
 * {@code Class} or a class loader (reachable from every class), an enum constant (a static field), an
 * {@code HttpSession} or {@code ServletContext} (reachable by their requests), or an object the agent
 * already knows as shared. Any other identity key (a socket just accepted, a fresh token) is known to
 * the publisher alone: whoever finds the entry by it was handed the key, normally after the entry was
 * filled (Tomcat's {@code NioEndpoint.connections}: a socket wrapper stored under its new socket,
 * then registered with the poller through a synchronized queue).
 */
public final class EntryKeys {
    private static final ClassValue<Boolean> NAMEABLE_BY_TYPE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return Class.class == type || ClassLoader.class.isAssignableFrom(type) || Enum.class.isAssignableFrom(type)
                    || comparedByValue(type) || isServletRoot(type);
        }
    };

    private EntryKeys() {
    }

    /**
     * @param key    the entry's key (null: a list element or a null key, which anyone can reach)
     * @param shared whether the agent knows {@code key} as reachable from shared state
     */
    public static boolean nameableByOthers(Object key, Predicate<Object> shared) {
        if (key == null) {
            return true;
        }
        try {
            return NAMEABLE_BY_TYPE.get(key.getClass()) || shared.test(key);
        } catch (RuntimeException | LinkageError e) {
            return true; // cannot tell: judge the entry as before
        }
    }

    private static boolean comparedByValue(Class<?> type) {
        try {
            return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true;
        }
    }

    /** Sessions and servlet contexts of either servlet API, by interface name: the agent links neither. */
    private static boolean isServletRoot(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                String n = i.getName();
                if (n.endsWith(".servlet.http.HttpSession") || n.endsWith(".servlet.ServletContext")
                        || isServletRoot(i)) {
                    return true;
                }
            }
        }
        return false;
    }
}
