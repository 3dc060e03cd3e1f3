package dev.crosstalk.agent.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Defines, beside a server's request API and in its package and class loader, a class implementing
 * one of the agent's access interfaces ({@code bootstrap.ServletAccess}, {@code bootstrap.LabelAccess})
 * whose methods cast the request and call the API: a call the JIT inlines, where a method handle held
 * in a table is a call through the handle's adapters on every request (about a tenth of the agent's
 * cost per request on a small Spring Boot page).
 *
 * <p>The class is named after the API ({@code HttpServletRequest$$CrosstalkAccess}), so it never
 * clashes with an application class, and is defined once per loader that holds the API; the agent's
 * own transformer never instruments a {@code $$} name. Where the JVM refuses the definition (an API in
 * a named module that is not open to the agent, a signed package, an API without a method called),
 * {@link #define} throws and the caller reads the request through method handles instead.
 */
final class AccessorClasses {
    private static final String SUFFIX = "$$CrosstalkAccess";
    /** The descriptor of an interface method that reads a string from the request: {@code (Object)String}. */
    static final String READS_STRING = "(Ljava/lang/Object;)Ljava/lang/String;";

    private AccessorClasses() {
    }

    /**
     * One method of the access interface: {@code name} with {@code descriptor} ({@code (Object[, String])R}),
     * implemented by calling {@code chain[0]} on the argument cast to its declaring type, then each
     * next method on the previous one's result. A {@code boolean} parameter is passed {@code false}
     * ({@code getSession(false)}), any other the method's second argument.
     */
    static final class Call {
        final String name;
        final String descriptor;
        final Method[] chain;

        Call(String name, String descriptor, Method... chain) {
            this.name = name;
            this.descriptor = descriptor;
            this.chain = chain;
        }
    }

    /** An instance of the accessor of {@code api} implementing {@code access} with {@code calls}. */
    static <T> T define(Class<?> api, Class<T> access, Call... calls) throws ReflectiveOperationException {
        String name = api.getName() + SUFFIX;
        Class<?> type;
        try {
            type = MethodHandles.privateLookupIn(api, MethodHandles.lookup()).defineClass(bytes(api, access, calls));
        } catch (LinkageError e) {
            type = Class.forName(name, false, api.getClassLoader()); // defined already, by a racing thread
        }
        return access.cast(type.getConstructor().newInstance());
    }

    /** The class file: a public no-argument constructor and one method per call. */
    private static byte[] bytes(Class<?> api, Class<?> access, Call... calls) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                Type.getInternalName(api) + SUFFIX, null, "java/lang/Object",
                new String[] {Type.getInternalName(access)});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        for (Call call : calls) {
            method(cw, call);
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void method(ClassWriter cw, Call call) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, call.name, call.descriptor, null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(call.chain[0].getDeclaringClass()));
        for (Method target : call.chain) {
            for (Class<?> p : target.getParameterTypes()) {
                if (p == boolean.class) {
                    mv.visitInsn(Opcodes.ICONST_0);
                } else {
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                }
            }
            Class<?> owner = target.getDeclaringClass();
            mv.visitMethodInsn(owner.isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
                    Type.getInternalName(owner), target.getName(), Type.getMethodDescriptor(target),
                    owner.isInterface());
        }
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
