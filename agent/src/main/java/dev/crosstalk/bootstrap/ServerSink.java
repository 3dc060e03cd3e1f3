package dev.crosstalk.bootstrap;

/**
 * What the runtime hears from {@link Handoffs}: where requests of servers other than servlet containers
 * begin (Reactor Netty exchanges), and where a request hands work to a thread, timer or later dispatch
 * that the JDK executors' wrapping does not cover. JDK types only, like {@link Sink}.
 */
public interface ServerSink {
    /** A thread is about to be started by application code; it belongs to the current request, if any. */
    void threadStarting(Thread thread);

    /** A timer task was made; it runs as part of the current request, if any. */
    void timerTaskMade(Object task);

    /** A timer task starts to run; returns what {@link #taskDone} restores. */
    Object timerTaskRuns(Object task);

    /** The application called {@code startAsync} on {@code request}: a later async dispatch of it is the same request. */
    void asyncStarted(Object request);

    /**
     * Reactor Netty's server observer hears of {@code state} on {@code connection}; a received request
     * starts an exchange. Returns what {@link #exchangeSegmentDone} takes.
     */
    Object exchangeState(Object connection, Object state);

    /** The event-loop work started by {@link #exchangeState} returned. */
    void exchangeSegmentDone(Object token);

    /** Reactor Netty's HTTP client made {@code observer} for one exchange; it belongs to the current request, if any. */
    void clientMade(Object observer);

    /**
     * The client exchange of {@code observer} moved to a new state on {@code connection}: the connection's
     * inbound events (the response, and the application's continuation run on them) belong to the
     * observer's request.
     */
    void clientState(Object observer, Object connection);

    /** Reactor Netty delivers inbound data or completion on {@code connection}; returns what {@link #taskDone} restores. */
    Object inbound(Object connection);

    /** gRPC starts a server call of {@code fullMethodName}; returns what {@link #callStartDone} takes. */
    Object callStarting(String fullMethodName);

    /**
     * The call's start returned {@code listener}, through which every later callback of the call arrives
     * (passed to {@link #inbound}).
     */
    void callStartDone(Object token, Object listener);

    /** Restores what {@link #timerTaskRuns} or {@link #inbound} returned. */
    void taskDone(Object token);
}
