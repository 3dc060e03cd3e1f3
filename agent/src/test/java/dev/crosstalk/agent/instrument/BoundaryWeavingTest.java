package dev.crosstalk.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crosstalk.agent.finding.FindingRegistry;
import com.acme.boundaries.Worker;
import dev.crosstalk.agent.runtime.Recorder;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.bootstrap.Hooks;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The woven request boundary of an {@code entry=} method: each call is one request, whether it
 * returns or throws, on methods whose frames the weaving must widen (wide locals, loops, handlers
 * of their own, switches, lambdas); the class must pass the JVM's verifier to be defined at all.
 */
class BoundaryWeavingTest {
    private final List<String> errors = new ArrayList<>();
    private final Recorder recorder = new Recorder(new SiteTable(), new FindingRegistry(10), 10);

    @AfterEach
    void uninstall() {
        Hooks.install(null);
    }

    @Test
    void everyCallIsOneRequestWhetherItReturnsOrThrows() throws Exception {
        Class<?> worker = woven(Worker.class, "handle", "handleFailing", "handleStatic");
        Object w = worker.getConstructor().newInstance();
        Hooks.install(recorder);

        assertEquals("big", call(worker, w, "handle", "x", 1_000_000L, 0.5, new int[] {3, 4}));
        assertEquals("2.02002.0", call(worker, w, "handle", "2.0", 10L, 0.5, new int[] {4, 16}));
        assertEquals("y10.5", call(worker, w, "handle", "y", 1L, 0.5, new int[] {1}));
        assertThrows(IllegalStateException.class, () -> call(worker, w, "handleFailing", new ArrayList<String>()));
        call(worker, w, "handleFailing", List.of("a"));
        assertEquals(9, call(worker, null, "handleStatic", true, 'a', (short) 3, (byte) 4, 2.5f));
        assertThrows(java.io.IOException.class, () -> call(worker, null, "handleStatic", true, 'b', (short) 3, (byte) 4, 2.5f));
        call(worker, w, "handle");
        // Had an exit been missed, the next call would have been inside the unfinished request.
        assertEquals(8, recorder.requests());
        assertEquals(List.of(), errors);
    }

    @Test
    void classesWithoutAnAdvisedMethodAreLeftAlone() throws Exception {
        BoundaryTransformer t = new BoundaryTransformer(null, List.of(new Boundaries.EntryMethod(
                Worker.class.getName(), "absent")), (type, e) -> errors.add(type + ": " + e));
        assertNull(t.weave(getClass().getClassLoader(), internalName(Worker.class), null, bytes(Worker.class)));
        assertNotNull(new BoundaryTransformer(null, List.of(new Boundaries.EntryMethod(Worker.class.getName(),
                "handle")), (type, e) -> errors.add(type)).weave(getClass().getClassLoader(),
                internalName(Worker.class), null, bytes(Worker.class)));
    }

    private Class<?> woven(Class<?> type, String... methods) throws Exception {
        List<Boundaries.EntryMethod> entries = new ArrayList<>();
        for (String m : methods) {
            entries.add(new Boundaries.EntryMethod(type.getName(), m));
        }
        BoundaryTransformer t = new BoundaryTransformer(null, entries, (name, e) -> errors.add(name + ": " + e));
        byte[] woven = t.weave(getClass().getClassLoader(), internalName(type), null, bytes(type));
        assertNotNull(woven);
        return new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(type.getName(), woven, 0, woven.length);
            }
        }.define();
    }

    private static Object call(Class<?> type, Object target, String name, Object... args) throws Exception {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] bytes(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
