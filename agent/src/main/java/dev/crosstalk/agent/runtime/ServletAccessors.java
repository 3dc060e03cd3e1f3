package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.ServletAccess;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Defines a {@link ServletAccess} beside a servlet API interface, in its package and class loader,
 * whose methods cast the request and call the API: a call the JIT inlines, where a method handle held
 * in a table is a call through the handle's adapters on every request (about a tenth of the agent's
 * cost per request on a small Spring Boot page).
 *
 * <p>The class is named after the API ({@code HttpServletRequest$$CrosstalkAccess}), so it never
 * clashes with an application class, and is defined once per loader that holds the API. Where the
 * JVM refuses the definition (an API in a named module that is not open to the agent, a signed
 * package), the caller reads the request through method handles instead.
 */
final class ServletAccessors {
    static final String SUFFIX = "$$CrosstalkAccess";
    private static final String ACCESS = Type.getInternalName(ServletAccess.class);

    private ServletAccessors() {
    }

    /** A direct accessor for the servlet request interface {@code api}; throws when it cannot be defined. */
    static ServletAccess define(Class<?> api) throws ReflectiveOperationException {
        Method getSession = api.getMethod("getSession", boolean.class);
        Class<?> session = getSession.getReturnType();
        String name = api.getName() + SUFFIX;
        Class<?> type;
        try {
            type = MethodHandles.privateLookupIn(api, MethodHandles.lookup()).defineClass(bytes(api, session));
        } catch (LinkageError e) {
            type = Class.forName(name, false, api.getClassLoader()); // defined already, by a racing thread
        }
        return (ServletAccess) type.getConstructor().newInstance();
    }

    /** The class file: each method casts its argument to the API and calls it. */
    static byte[] bytes(Class<?> api, Class<?> session) throws NoSuchMethodException {
        String self = Type.getInternalName(api) + SUFFIX;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, self, null,
                "java/lang/Object", new String[] {ACCESS});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        call(cw, "method", "(Ljava/lang/Object;)Ljava/lang/String;", api.getMethod("getMethod"));
        call(cw, "uri", "(Ljava/lang/Object;)Ljava/lang/String;", api.getMethod("getRequestURI"));
        call(cw, "session", "(Ljava/lang/Object;)Ljava/lang/Object;", api.getMethod("getSession", boolean.class));
        call(cw, "sessionId", "(Ljava/lang/Object;)Ljava/lang/String;", session.getMethod("getId"));
        call(cw, "dispatch", "(Ljava/lang/Object;)Ljava/lang/Object;", api.getMethod("getDispatcherType"));
        call(cw, "attribute", "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;",
                api.getMethod("getAttribute", String.class));
        call(cw, "header", "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/String;",
                api.getMethod("getHeader", String.class));
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code name(Object target[, String arg])}: {@code ((Owner) target).method(arg)}; a boolean
     * parameter is passed {@code false} ({@code getSession(false)}).
     */
    private static void call(ClassWriter cw, String name, String descriptor, Method target) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, name, descriptor, null, null);
        mv.visitCode();
        Class<?> owner = target.getDeclaringClass();
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(owner));
        for (Class<?> p : target.getParameterTypes()) {
            if (p == boolean.class) {
                mv.visitInsn(Opcodes.ICONST_0);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, 2);
            }
        }
        mv.visitMethodInsn(owner.isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
                Type.getInternalName(owner), target.getName(), Type.getMethodDescriptor(target), owner.isInterface());
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
