package dev.crosstalk.bootstrap;

/**
 * Reads a servlet request for the agent. The agent cannot link against the servlet API (its
 * classes sit in the application's class loaders, as {@code javax} or {@code jakarta}), so it
 * defines a class implementing this interface next to the API it finds, whose methods call the API
 * directly; the JIT then inlines them like the application's own calls. It lives here, on the boot
 * class path, so that a class in any application loader can implement it. Its label is
 * {@code getMethod()} and {@code getRequestURI()}.
 */
public interface ServletAccess extends LabelAccess {
    /** {@code getRequestedSessionId()}: the session id the client sent, or null. */
    String requestedSessionId(Object request);

    /** {@code getSession(false)}. */
    Object session(Object request);

    /** The session's {@code getId()}. */
    String sessionId(Object session);

    /** {@code getDispatcherType()}. */
    Object dispatch(Object request);

    /** {@code getAttribute(name)}. */
    Object attribute(Object request, String name);

    /** {@code getHeader(name)}. */
    String header(Object request, String name);
}
