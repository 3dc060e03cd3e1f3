package dev.crosstalk.agent.finding;

import java.util.List;

/**
 * One side of a finding (the writer or the reader): which request, on which thread, at which code
 * location, with a short stack. Strings only: evidence outlives the request it describes.
 */
public final class Evidence {
    private final long requestId;
    private final String label;
    private final String thread;
    private final String session;
    private final String location;
    private final List<String> stack;
    private final long atMillis;
    private final String webapp;

    /** One side of a finding; {@code session} and {@code stack} may be null, {@code requestId} 0 outside requests. */
    public Evidence(long requestId, String label, String thread, String session, String location, List<String> stack) {
        this(requestId, label, thread, session, location, stack, 0);
    }

    /** @param atMillis when it happened (epoch millis), or 0 when not known */
    public Evidence(long requestId, String label, String thread, String session, String location, List<String> stack,
            long atMillis) {
        this(requestId, label, thread, session, location, stack, atMillis, null);
    }

    private Evidence(long requestId, String label, String thread, String session, String location, List<String> stack,
            long atMillis, String webapp) {
        this.webapp = webapp;
        this.atMillis = atMillis;
        this.requestId = requestId;
        this.label = label;
        this.thread = thread;
        this.session = session;
        this.location = location;
        this.stack = stack == null ? List.of() : List.copyOf(stack);
    }

    /** The request id, or 0 for code that ran outside any request (initialisation). */
    public long requestId() {
        return requestId;
    }

    /** {@code GET /remix}, or {@code (initialisation)} outside requests. */
    public String label() {
        return label;
    }

    /** The name of the thread that made the access. */
    public String thread() {
        return thread;
    }

    /** A hash of the session id; null without a session. */
    public String session() {
        return session;
    }

    /** {@code com.acme.PatternRemixer.remix(PatternRemixer.java:42)}. */
    public String location() {
        return location;
    }

    /** When it happened, in epoch millis; 0 when not known (a writer remembered by its site only). */
    public long atMillis() {
        return atMillis;
    }

    /** A short stack of the access, without the agent's frames; null when none was kept. */
    public List<String> stack() {
        return stack;
    }

    /** The webapp whose code made the access ({@code shop}), or null for a plain application's code. */
    public String webapp() {
        return webapp;
    }

    /** This evidence from code of {@code webapp} (see {@code Webapps}); itself when {@code webapp} is null. */
    public Evidence withWebapp(String webapp) {
        return webapp == null ? this : new Evidence(requestId, label, thread, session, location, stack, atMillis, webapp);
    }
}
