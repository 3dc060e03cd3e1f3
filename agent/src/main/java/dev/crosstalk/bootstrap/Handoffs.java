package dev.crosstalk.bootstrap;

/**
 * Static entry points for requests that do not begin and end in one servlet call, and for work a request
 * hands on outside the JDK executors: threads application code starts, {@code java.util.Timer} tasks,
 * servlet async dispatches, Reactor Netty exchanges (and the client exchanges they make) and gRPC server calls
 * whose work hops between threads. On the
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

    // The events of deliver(): one constant per hook, so that each hook's inlined copy keeps one branch.
    private static final int THREAD_STARTING = 0;
    private static final int ASYNC_STARTED = 1;
    private static final int TIMER_TASK_MADE = 2;
    private static final int TIMER_TASK_RUNS = 3;
    private static final int EXCHANGE_STATE = 4;
    private static final int EXCHANGE_SEGMENT_DONE = 5;
    private static final int INBOUND = 6;
    private static final int CALL_STARTING = 7;
    private static final int CALL_START_DONE = 8;
    private static final int TASK_DONE = 9;
    private static final int CLIENT_MADE = 10;
    private static final int CLIENT_STATE = 11;

    /**
     * The one guard of every hook here: nothing happens without a runtime, and whatever the runtime
     * throws is counted ({@link Hooks#error}) instead of reaching the application. Returns what the
     * runtime returned, or null.
     */
    private static Object deliver(int event, Object a, Object b) {
        ServerSink s = sink;
        if (s == null) {
            return null;
        }
        try {
            switch (event) {
                case THREAD_STARTING:
                    s.threadStarting((Thread) a);
                    return null;
                case ASYNC_STARTED:
                    s.asyncStarted(a);
                    return null;
                case TIMER_TASK_MADE:
                    s.timerTaskMade(a);
                    return null;
                case TIMER_TASK_RUNS:
                    return s.timerTaskRuns(a);
                case EXCHANGE_STATE:
                    return s.exchangeState(a, b);
                case EXCHANGE_SEGMENT_DONE:
                    s.exchangeSegmentDone(a);
                    return null;
                case INBOUND:
                    return s.inbound(a);
                case CALL_STARTING:
                    return s.callStarting((String) a);
                case CALL_START_DONE:
                    s.callStartDone(a, b);
                    return null;
                case TASK_DONE:
                    s.taskDone(a);
                    return null;
                case CLIENT_MADE:
                    s.clientMade(a);
                    return null;
                case CLIENT_STATE:
                    s.clientState(a, b);
                    return null;
                default:
                    throw new IllegalArgumentException("hand-off event " + event);
            }
        } catch (Throwable t) {
            Hooks.error(t);
            return null;
        }
    }

    /** Beside a {@code start()} call in application code; {@code receiver} may be any object. */
    public static void starting(Object receiver) {
        if (receiver instanceof Thread) {
            deliver(THREAD_STARTING, receiver, null);
        }
    }

    /** Beside a {@code startAsync} call in application code, with the request it is called on. */
    public static void asyncStarted(Object request) {
        if (request != null) {
            deliver(ASYNC_STARTED, request, null);
        }
    }

    /** A timer task was made; it runs as part of the current request, if any. */
    public static void timerTaskMade(Object task) {
        deliver(TIMER_TASK_MADE, task, null);
    }

    /** A timer task starts to run; returns what {@link #taskDone} takes. */
    public static Object timerTaskRuns(Object task) {
        return deliver(TIMER_TASK_RUNS, task, null);
    }

    /** Reactor Netty's server observer hears of {@code state} on {@code connection}; returns what {@link #exchangeSegmentDone} takes. */
    public static Object exchangeState(Object connection, Object state) {
        return deliver(EXCHANGE_STATE, connection, state);
    }

    /** The event-loop work started by {@link #exchangeState} returned. */
    public static void exchangeSegmentDone(Object token) {
        if (token != null) {
            deliver(EXCHANGE_SEGMENT_DONE, token, null);
        }
    }

    /** Reactor Netty's HTTP client made {@code observer} for one exchange. */
    public static void clientMade(Object observer) {
        deliver(CLIENT_MADE, observer, null);
    }

    /** The client exchange of {@code observer} moved to a new state on {@code connection}. */
    public static void clientState(Object observer, Object connection) {
        deliver(CLIENT_STATE, observer, connection);
    }

    /** Reactor Netty delivers inbound data or completion on {@code connection}; returns what {@link #taskDone} takes. */
    public static Object inbound(Object connection) {
        return deliver(INBOUND, connection, null);
    }

    /** gRPC starts a server call of {@code fullMethodName}; returns what {@link #callStartDone} takes. */
    public static Object callStarting(String fullMethodName) {
        return deliver(CALL_STARTING, fullMethodName, null);
    }

    /** The call's start returned {@code listener}; {@code token} is what {@link #callStarting} returned. */
    public static void callStartDone(Object token, Object listener) {
        if (token != null) {
            deliver(CALL_START_DONE, token, listener);
        }
    }

    /** Restores what {@link #timerTaskRuns} or {@link #inbound} returned. */
    public static void taskDone(Object token) {
        if (token != null) {
            deliver(TASK_DONE, token, null);
        }
    }
}
