package dev.crosstalk.bootstrap;

import java.util.concurrent.Callable;

/**
 * Hooks on request boundaries (servlets, filters, handlers, named entry methods) and on tasks handed
 * to executors, which carry the request they were made in.
 */
public final class RequestHooks {
    private RequestHooks() {
    }

    /**
     * Called on entry to a request boundary; {@code kind} is one of the {@code Hooks.KIND_*} codes.
     * The token returned goes to {@link #requestExit}.
     */
    public static Object requestEnter(Object request, int kind, int entry) {
        try {
            return Hooks.sink.requestEnter(request, kind, entry);
        } catch (Throwable t) {
            Hooks.error(t);
            return null;
        }
    }

    /** Called on exit from the boundary that {@link #requestEnter} returned {@code token} for. */
    public static void requestExit(Object token) {
        if (token != null) {
            try {
                Hooks.sink.requestExit(token);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** Carries the current request into a task handed to an executor; other tasks pass unchanged. */
    public static Runnable wrap(Runnable task) {
        Object ctx = capture(task);
        return ctx == null ? task : new ContextTask.OfRunnable(task, ctx);
    }

    /** As {@link #wrap(Runnable)}, for {@link Callable} tasks. */
    public static <V> Callable<V> wrap(Callable<V> task) {
        Object ctx = capture(task);
        return ctx == null ? task : new ContextTask.OfCallable<>(task, ctx);
    }

    /** The request to carry into {@code task}, or null to leave it unwrapped. */
    private static Object capture(Object task) {
        if (task == null || task instanceof ContextTask) {
            return null;
        }
        try {
            return Hooks.sink.captureContext();
        } catch (Throwable t) {
            Hooks.error(t);
            return null;
        }
    }

    static Object attach(Object ctx) {
        try {
            return Hooks.sink.attachContext(ctx);
        } catch (Throwable t) {
            Hooks.error(t);
            return null;
        }
    }

    static void detach(Object previous) {
        try {
            Hooks.sink.detachContext(previous);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }
}
