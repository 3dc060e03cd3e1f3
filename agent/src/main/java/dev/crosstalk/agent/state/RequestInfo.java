package dev.crosstalk.agent.state;

/**
 * The identity of one request as findings show it. Immutable and free of application objects, so
 * state cells may keep one as their last writer without holding on to the request itself.
 */
public final class RequestInfo {
    private final long id;
    private final String label;
    private final String thread;
    private final String sessionKey;

    /** Request number {@code id}, labelled {@code label}, begun on {@code thread}; {@code sessionKey} may be null. */
    public RequestInfo(long id, String label, String thread, String sessionKey) {
        this.id = id;
        this.label = label;
        this.thread = thread;
        this.sessionKey = sessionKey;
    }

    /** The request's number, unique in this JVM. */
    public long id() {
        return id;
    }

    /** {@code GET /remix}: method and path, never the query string. */
    public String label() {
        return label;
    }

    /** The thread that entered the request. */
    public String thread() {
        return thread;
    }

    /** A hash of the session id, or null when the request had no session. */
    public String sessionKey() {
        return sessionKey;
    }

    @Override
    public String toString() {
        return label + " (request " + id + ")";
    }
}
