package dev.crosstalk.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** What reaches Byte Buddy's matchers: only class files that can declare a request boundary. */
class BoundaryPrefilterTest {

    private final BoundaryPrefilter filter = (BoundaryPrefilter) BoundaryPrefilter
            .decorator(Boundaries.exactTypes(List.of(new Boundaries.EntryMethod("com.acme.Worker", "handle"))),
                    Boundaries.NEEDLES)
            .decorate(null);

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
    void searchFindsTextAtEitherEndAndNotPastIt() {
        byte[] bytes = "abcdef".getBytes(StandardCharsets.UTF_8);
        assertTrue(BoundaryPrefilter.contains(bytes, "abc".getBytes(StandardCharsets.UTF_8)));
        assertTrue(BoundaryPrefilter.contains(bytes, "def".getBytes(StandardCharsets.UTF_8)));
        assertFalse(BoundaryPrefilter.contains(bytes, "efg".getBytes(StandardCharsets.UTF_8)));
        assertFalse(BoundaryPrefilter.contains(bytes, "abcdefg".getBytes(StandardCharsets.UTF_8)));
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
