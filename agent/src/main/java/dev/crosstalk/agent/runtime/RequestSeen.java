package dev.crosstalk.agent.runtime;

/**
 * What {@link RequestReader} read of a request object at its boundary: what findings call it, whose
 * session it belongs to, and for servlets how it was dispatched.
 */
final class RequestSeen {
    /** {@code GET /page}: the request's label in findings. */
    final String label;
    /** A hash of the session id or of the identifying cookie or header; null when none. */
    final String sessionKey;
    /** The servlet dispatcher type ({@code REQUEST}, {@code ASYNC}, {@code ERROR}, …); null for other servers. */
    final String dispatch;
    /** For an {@code ERROR} dispatch, the path the error page is for; null when not known. */
    final String errorPath;

    RequestSeen(String label, String sessionKey) {
        this(label, sessionKey, null, null);
    }

    RequestSeen(String label, String sessionKey, String dispatch, String errorPath) {
        this.label = label;
        this.sessionKey = sessionKey;
        this.dispatch = dispatch;
        this.errorPath = errorPath;
    }

    /** A first dispatch of a servlet request (not a forward, include, async or error dispatch). */
    boolean firstDispatch() {
        return "REQUEST".equals(dispatch);
    }

    /** A servlet request resumed by its async context. */
    boolean asyncDispatch() {
        return "ASYNC".equals(dispatch);
    }
}
