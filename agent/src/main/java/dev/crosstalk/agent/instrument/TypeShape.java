package dev.crosstalk.agent.instrument;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A class being loaded (or retransformed) as the boundary rules see it: its name, direct super types
 * and modifiers from the class file, and super types further up on demand (see {@link SuperTypes}).
 */
final class TypeShape {
    /** Internal name: {@code com/acme/Servlet}. */
    final String name;
    final String superName;
    private final String[] interfaces;
    private final int access;
    private final ClassLoader loader;
    private final Class<?> redefined;
    private final Map<String, Boolean> superTypes = new HashMap<>(4);

    TypeShape(String name, String superName, String[] interfaces, int access, ClassLoader loader, Class<?> redefined) {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.access = access;
        this.loader = loader;
        this.redefined = redefined;
    }

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isSynthetic() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }

    /** Whether {@code target} (internal name) is a super type of this class, at any depth. */
    boolean hasSuperType(String target) {
        return superTypes.computeIfAbsent(target, t -> SuperTypes.has(loader, redefined, superName, interfaces, t));
    }

    /** A method with code (not abstract, not native). */
    static boolean hasCode(int access) {
        return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
    }

    /** Whether {@code descriptor} takes {@code count} arguments, the first of type {@code first} (internal name) when not null. */
    static boolean takes(String descriptor, int count, String first) {
        Type[] args = Type.getArgumentTypes(descriptor);
        return args.length == count && (first == null || args[0].getSort() == Type.OBJECT
                && args[0].getInternalName().equals(first));
    }
}
