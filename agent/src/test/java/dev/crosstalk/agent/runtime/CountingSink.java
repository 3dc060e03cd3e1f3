package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.Sink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recorder installed as the hooks' sink behind a proxy that counts the calls of one of its
 * methods: how the tests of the hooks' fast paths see which accesses reached the runtime.
 */
final class CountingSink {
    private CountingSink() {
    }

    /** Installs {@code target} for the hooks, counting calls of {@code method} into {@code calls}. */
    static void install(Sink target, String method, AtomicInteger calls) {
        Hooks.install((Sink) Proxy.newProxyInstance(Sink.class.getClassLoader(), new Class<?>[] {Sink.class},
                (proxy, m, args) -> {
                    if (m.getName().equals(method)) {
                        calls.incrementAndGet();
                    }
                    try {
                        return m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
