package dev.crosstalk.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** What reaches the boundary rules: only class files that can declare a request boundary. */
class BoundaryPrefilterTest {

    private final BoundaryPrefilter filter = new BoundaryPrefilter(
            Boundaries.exactTypes(List.of(new Boundaries.EntryMethod("com.acme.Worker", "handle"))), Boundaries.NEEDLES);

    @Test
    void servletsAndFiltersOfBothApisPass() {
        assertTrue(passes(declaring("service", "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;)V")));
        assertTrue(passes(declaring("doFilter", "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;"
                + "Ljakarta/servlet/FilterChain;)V")));
        assertTrue(passes(declaring("service", "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;)V")));
        assertTrue(passes(declaring("doFilter", "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;"
                + "Ljavax/servlet/FilterChain;)V")));
    }

    @Test
    void classesThatCannotDeclareAServletEntryDoNotPass() {
        // An HttpServlet subclass that only overrides doGet: HttpServlet.service itself is the boundary.
        assertFalse(passes(declaring("doGet", "(Ljakarta/servlet/http/HttpServletRequest;"
                + "Ljakarta/servlet/http/HttpServletResponse;)V")));
        // A filter chain's doFilter takes no chain: not an entry point of its own.
        assertFalse(passes(declaring("doFilter", "(Ljakarta/servlet/ServletRequest;)V")));
        assertFalse(passes(declaring("run", "()V")));
    }

    @Test
    void classesThatOnlyCallAServletEntryDoNotPass() {
        // A filter chain or dispatcher calls doFilter/service: the descriptor is in its constant pool,
        // yet it declares no entry point of its own.
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Chain", null, "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC, "proceed",
                "(Ljakarta/servlet/Filter;)V", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitMethodInsn(Opcodes.INVOKEINTERFACE, "jakarta/servlet/Filter", "doFilter",
                "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;Ljakarta/servlet/FilterChain;)V",
                true);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(4, 2);
        m.visitEnd();
        w.visitEnd();
        byte[] bytes = w.toByteArray();
        assertTrue(filter.constantStartsWithNeedle(bytes), "the descriptor stands in the constant pool");
        assertFalse(passes(bytes));
        // ... nor does a class that only mentions TimerTask without extending it.
        ClassWriter t = new ClassWriter(0);
        t.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Scheduler", null, "java/lang/Object", null);
        t.visitField(Opcodes.ACC_PRIVATE, "task", "Ljava/util/TimerTask;", null, null).visitEnd();
        t.visitEnd();
        assertFalse(filter.passes("com/acme/Scheduler", null, t.toByteArray()));
    }

    @Test
    void aNeedleThatIsAMethodNamePassesClassesDeclaringThatMethod() {
        BoundaryPrefilter injectors = new BoundaryPrefilter(java.util.Set.of(), List.of("injectContextData"));
        assertTrue(injectors.passes("com/acme/Candidate", null, declaring("injectContextData", "(Ljava/util/List;)V")));
        assertFalse(injectors.passes("com/acme/Candidate", null, declaring("injectContext", "()V")));
    }

    @Test
    void timerTasksPassByTheirSuperclassName() {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Reminder", null, "java/util/TimerTask", null);
        w.visitEnd();
        assertTrue(filter.passes("com/acme/Reminder", null, w.toByteArray()));
    }

    @Test
    void typesNamedExactlyAndRetransformationsPass() {
        byte[] plain = declaring("run", "()V");
        assertTrue(filter.passes("java/util/concurrent/ThreadPoolExecutor", null, plain));
        assertTrue(filter.passes("com/sun/net/httpserver/Filter$Chain", null, plain));
        assertTrue(filter.passes("com/acme/Worker", null, plain));
        assertTrue(filter.passes("reactor/netty/http/server/HttpServer$HttpServerHandle", null, plain));
        assertTrue(filter.passes("io/grpc/internal/ServerImpl$ServerTransportListenerImpl", null, plain));
        assertTrue(filter.passes("com/acme/Other", Object.class, plain));
        assertFalse(filter.passes("com/acme/Other", null, plain));
    }

    @Test
    void theConstantPoolIsWalkedPastEveryKindOfConstant() {
        // Constants of every width before the needle: a wrong step over any of them would miss it.
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Candidate", null, "java/lang/Object", null);
        w.visitField(Opcodes.ACC_STATIC, "l", "J", null, 1L << 40).visitEnd();
        w.visitField(Opcodes.ACC_STATIC, "d", "D", null, 2.5d).visitEnd();
        w.visitField(Opcodes.ACC_STATIC, "i", "I", null, 1 << 20).visitEnd();
        w.visitField(Opcodes.ACC_STATIC, "f", "F", null, 1.5f).visitEnd();
        w.visitField(Opcodes.ACC_STATIC, "s", "Ljava/lang/String;", null, "text").visitEnd();
        w.newHandle(Opcodes.H_INVOKESTATIC, "com/acme/Candidate", "m", "()V", false);
        w.newMethodType("(I)V");
        w.newInvokeDynamic("run", "()Ljava/lang/Runnable;", new org.objectweb.asm.Handle(Opcodes.H_INVOKESTATIC,
                "java/lang/invoke/LambdaMetafactory", "metafactory", "()V", false));
        byte[] without = w.toByteArray();
        assertFalse(filter.constantStartsWithNeedle(without));
        w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "service",
                "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;)V", null, null).visitEnd();
        assertTrue(filter.constantStartsWithNeedle(w.toByteArray()));
        // Text that only contains a needle past its start is not a descriptor, name or superclass.
        ClassWriter text = new ClassWriter(0);
        text.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Candidate", null, "java/lang/Object", null);
        text.visitField(Opcodes.ACC_STATIC, "doc", "Ljava/lang/String;", null,
                "see (Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;)").visitEnd();
        assertFalse(filter.constantStartsWithNeedle(text.toByteArray()));
    }

    @Test
    void aClassFileTheWalkCannotReadPassesToTheRules() {
        byte[] cut = java.util.Arrays.copyOf(declaring("run", "()V"), 20);
        assertTrue(filter.constantStartsWithNeedle(cut));
    }

    private boolean passes(byte[] bytes) {
        return filter.passes("com/acme/Candidate", null, bytes);
    }

    private static byte[] declaring(String method, String descriptor) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/Candidate", null, "java/lang/Object", null);
        w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, method, descriptor, null, null).visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
