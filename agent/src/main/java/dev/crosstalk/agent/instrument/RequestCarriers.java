package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.RequestCarrier;
import java.util.Arrays;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes the server types of {@link ServerBoundaries#CARRIERS} implement {@link RequestCarrier}: a field
 * for the request and its two accessors, added as the class is loaded.
 *
 * <p>A retransformation may not add or remove members, so a class gains them on its first load, and
 * on every later retransformation only if it gained them then (a class loaded before the agent never
 * does: its requests stay in the agent's weak map).
 */
final class RequestCarriers {
    private static final String INTERFACE = RequestCarrier.class.getName().replace('.', '/');
    private static final String FIELD = "crosstalk$request";
    private static final String OBJECT = "Ljava/lang/Object;";

    private RequestCarriers() {
    }

    /** Whether the class {@code name} being woven carries a request field. */
    static boolean applies(String name, int access, Class<?> redefined) {
        return ServerBoundaries.CARRIERS.contains(name) && (access & Opcodes.ACC_INTERFACE) == 0
                && (redefined == null || RequestCarrier.class.isAssignableFrom(redefined));
    }

    /** {@code interfaces} with {@link RequestCarrier} added. */
    static String[] withInterface(String[] interfaces) {
        String[] out = Arrays.copyOf(interfaces == null ? new String[0] : interfaces,
                interfaces == null ? 1 : interfaces.length + 1);
        out[out.length - 1] = INTERFACE;
        return out;
    }

    /** Adds the field and the accessors to class {@code owner}; call before the visitor's {@code visitEnd}. */
    static void addMembers(ClassVisitor cv, String owner) {
        // volatile: the request is stored on one event loop and may be read on another thread
        cv.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_VOLATILE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                FIELD, OBJECT, null, null).visitEnd();
        MethodVisitor get = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, FIELD, "()" + OBJECT, null, null);
        get.visitCode();
        get.visitVarInsn(Opcodes.ALOAD, 0);
        get.visitFieldInsn(Opcodes.GETFIELD, owner, FIELD, OBJECT);
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(1, 1);
        get.visitEnd();
        MethodVisitor set = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, FIELD, "(" + OBJECT + ")V", null, null);
        set.visitCode();
        set.visitVarInsn(Opcodes.ALOAD, 0);
        set.visitVarInsn(Opcodes.ALOAD, 1);
        set.visitFieldInsn(Opcodes.PUTFIELD, owner, FIELD, OBJECT);
        set.visitInsn(Opcodes.RETURN);
        set.visitMaxs(2, 2);
        set.visitEnd();
    }
}
