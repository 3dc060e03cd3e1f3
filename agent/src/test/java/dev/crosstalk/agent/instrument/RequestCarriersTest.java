package dev.crosstalk.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.boundaries.Operations;
import dev.crosstalk.bootstrap.RequestCarrier;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * Reactor Netty's channel operations gain the request field as they are loaded, and keep it through
 * a retransformation; a class loaded before the agent never gains it (a retransformation may not add
 * members), and is still woven.
 */
class RequestCarriersTest {
    private static final String OPERATIONS = "reactor/netty/channel/ChannelOperations";
    private final BoundaryTransformer transformer = new BoundaryTransformer(null, List.of(),
            (type, e) -> { throw new AssertionError(type, e); });

    @Test
    void operationsLoadedAfterTheAgentCarryTheirRequest() throws Exception {
        byte[] woven = transformer.weave(getClass().getClassLoader(), OPERATIONS, null, operations());
        assertNotNull(woven);
        Class<?> type = define(woven);
        Object ops = type.getConstructor().newInstance();
        RequestCarrier carrier = (RequestCarrier) ops;
        assertNull(carrier.crosstalk$request());
        Object request = new Object();
        carrier.crosstalk$request(request);
        assertTrue(request == carrier.crosstalk$request());
        // the class's own code still runs, with its inbound hooks woven in
        type.getMethod("onInboundNext", Object.class, Object.class).invoke(ops, null, "body");
        type.getMethod("onInboundComplete").invoke(ops);
        assertEquals(2, type.getMethod("inbound").invoke(ops));

        // retransforming the class that gained the field must add it again, or the JVM refuses the new bytes
        assertTrue(interfaces(transformer.weave(getClass().getClassLoader(), OPERATIONS, type, operations()))
                .contains(RequestCarrier.class.getName().replace('.', '/')));
    }

    @Test
    void operationsLoadedBeforeTheAgentAreWovenWithoutTheField() throws Exception {
        Class<?> before = define(operations());
        byte[] woven = transformer.weave(getClass().getClassLoader(), OPERATIONS, before, operations());
        assertNotNull(woven, "the inbound hooks still apply");
        assertFalse(interfaces(woven).contains(RequestCarrier.class.getName().replace('.', '/')));
        assertFalse(Arrays.stream(define(woven).getDeclaredFields()).anyMatch(f -> f.getName().startsWith("crosstalk$")));
    }

    private static List<String> interfaces(byte[] bytes) {
        return Arrays.asList(new ClassReader(bytes).getInterfaces());
    }

    /** {@link Operations}'s class file, renamed to Reactor Netty's class. */
    private static byte[] operations() throws Exception {
        byte[] bytes;
        try (InputStream in = Operations.class.getResourceAsStream("Operations.class")) {
            bytes = in.readAllBytes();
        }
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(bytes).accept(new ClassRemapper(writer,
                new SimpleRemapper(Operations.class.getName().replace('.', '/'), OPERATIONS)), 0);
        return writer.toByteArray();
    }

    private Class<?> define(byte[] bytes) {
        return new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(OPERATIONS.replace('/', '.'), bytes, 0, bytes.length);
            }
        }.define();
    }
}
