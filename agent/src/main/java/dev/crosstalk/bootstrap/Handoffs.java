package dev.crosstalk.bootstrap;

/**
 * Static entry points for requests that do not begin and end in one servlet call, and for work a request
 * hands on outside the JDK executors: threads application code starts, {@code java.util.Timer} tasks,
 * servlet async dispatches, Reactor Netty exchanges and gRPC server calls whose work hops between threads. On the
 * bootstrap class path with {@link Hooks}, under its rules: every call is guarded and counted in
 * {@link Hooks#errors()}, and the application's own operation is never changed.
 */
public final class Handoffs {
    private static volatile ServerSink sink;

    private Handoffs() {
    }

    /** Installs the runtime; null uninstalls it. */
    public static void install(ServerSink s) {
        sink = s;
    }

    /** Beside a {@code start()} call in application code; {@code receiver} may be any object. */
    public static void starting(Object receiver) {
        ServerSink s = sink;
        if (s != null && receiver instanceof Thread) {
            try {
                s.threadStarting((Thread) receiver);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** Beside a {@code startAsync} call in application code, with the request it is called on. */
    public static void asyncStarted(Object request) {
        ServerSink s = sink;
        if (s != null && request != null) {
            try {
                s.asyncStarted(request);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** A timer task was made; it runs as part of the current request, if any. */
    public static void timerTaskMade(Object task) {
        ServerSink s = sink;
        if (s != null) {
            try {
                s.timerTaskMade(task);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** A timer task starts to run; returns what {@link #taskDone} takes. */
    public static Object timerTaskRuns(Object task) {
        ServerSink s = sink;
        if (s != null) {
            try {
                return s.timerTaskRuns(task);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
        return null;
    }

    /** Reactor Netty's server observer hears of {@code state} on {@code connection}; returns what {@link #exchangeSegmentDone} takes. */
    public static Object exchangeState(Object connection, Object state) {
        ServerSink s = sink;
        if (s != null) {
            try {
                return s.exchangeState(connection, state);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
        return null;
    }

    /** The event-loop work started by {@link #exchangeState} returned. */
    public static void exchangeSegmentDone(Object token) {
        ServerSink s = sink;
        if (s != null && token != null) {
            try {
                s.exchangeSegmentDone(token);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** Reactor Netty delivers inbound data or completion on {@code connection}; returns what {@link #taskDone} takes. */
    public static Object inbound(Object connection) {
        ServerSink s = sink;
        if (s != null) {
            try {
                return s.inbound(connection);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
        return null;
    }

    /** gRPC starts a server call of {@code fullMethodName}; returns what {@link #callStartDone} takes. */
    public static Object callStarting(String fullMethodName) {
        ServerSink s = sink;
        if (s != null) {
            try {
                return s.callStarting(fullMethodName);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
        return null;
    }

    /** The call's start returned {@code listener}; {@code token} is what {@link #callStarting} returned. */
    public static void callStartDone(Object token, Object listener) {
        ServerSink s = sink;
        if (s != null && token != null) {
            try {
                s.callStartDone(token, listener);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** Restores what {@link #timerTaskRuns} or {@link #inbound} returned. */
    public static void taskDone(Object token) {
        ServerSink s = sink;
        if (s != null && token != null) {
            try {
                s.taskDone(token);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }
}
