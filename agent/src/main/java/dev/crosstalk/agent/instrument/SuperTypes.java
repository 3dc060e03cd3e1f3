package dev.crosstalk.agent.instrument;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;

/**
 * Whether a class being loaded has a given super type (class or interface, at any depth), read from
 * the class files of its super types through its class loader: nothing is loaded, as a transformer
 * must not load classes. Only the few classes that can declare a request boundary ask.
 */
final class SuperTypes {
    /** Past this many super types the answer is no: a boundary's type is never that far up. */
    private static final int MAX_TYPES = 64;

    private SuperTypes() {
    }

    /**
     * Whether {@code target} (internal name) is {@code superName}, one of {@code interfaces}, or a super
     * type of theirs; {@code redefined}, when not null, is the loaded class itself and is asked instead.
     */
    static boolean has(ClassLoader loader, Class<?> redefined, String superName, String[] interfaces, String target) {
        if (redefined != null) {
            return has(redefined, target.replace('/', '.'));
        }
        Deque<String> todo = new ArrayDeque<>();
        if (superName != null) {
            todo.add(superName);
        }
        for (String i : interfaces) {
            todo.add(i);
        }
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_TYPES) {
            String type = todo.poll();
            if (type.equals(target)) {
                return true;
            }
            if (!seen.add(type) || type.equals("java/lang/Object")) {
                continue;
            }
            ClassReader reader = read(loader, type);
            if (reader != null) {
                if (reader.getSuperName() != null) {
                    todo.add(reader.getSuperName());
                }
                for (String i : reader.getInterfaces()) {
                    todo.add(i);
                }
            }
        }
        return false;
    }

    /** Whether the loaded class {@code type} has a super type named {@code target} (binary name). */
    static boolean has(Class<?> type, String target) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_TYPES) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (c != type && c.getName().equals(target)) {
                return true;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                todo.add(i);
            }
        }
        return false;
    }

    private static ClassReader read(ClassLoader loader, String type) {
        try (InputStream in = loader != null ? loader.getResourceAsStream(type + ".class")
                : ClassLoader.getSystemResourceAsStream(type + ".class")) {
            return in == null ? null : new ClassReader(in.readAllBytes());
        } catch (Throwable t) {
            return null; // an unreadable super type: not a boundary as far as we can tell
        }
    }
}
