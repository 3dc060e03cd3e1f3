package dev.crosstalk.agent.state;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Virtual threads (JDK 21+; the agent runs on 11): whether the current thread is one, and its name in findings. */
public final class VirtualThreads {
    private static final MethodHandle IS_VIRTUAL = isVirtual();

    private VirtualThreads() {
    }

    private static MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null; // before JDK 21 every thread is a platform thread
        }
    }

    /**
     * The current thread's name as findings show it: virtual threads are usually unnamed, so an unnamed
     * one is {@code virtual-<id>}, which tells two of them apart as names tell pooled threads apart.
     */
    public static String currentName() {
        Thread t = Thread.currentThread();
        String name = t.getName();
        return name.isEmpty() ? "virtual-" + t.getId() : name;
    }

    /** Whether the current thread is a virtual thread (false on a JDK without them). */
    public static boolean isCurrent() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable t) {
            return false;
        }
    }
}
