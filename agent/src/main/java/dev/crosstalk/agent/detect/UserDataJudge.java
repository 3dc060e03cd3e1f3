package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Severity;

/**
 * Judges a flow whose value the writing request computed from its own user's inputs (the spec's
 * third rule for cross-request flows): read by a request of another user, it is an error after a
 * single write. Which inputs it came from is named, never their values.
 */
public final class UserDataJudge {
    private UserDataJudge() {
    }

    /**
     * The verdict, or null when the rule does not apply (no request-derived value, or the two
     * requests are not known to belong to different users).
     *
     * @param state         the state name (for a key: the container's)
     * @param keyed         the state is one key of a shared container
     * @param sources       the writer's inputs the value came from and the key (if any) does not cover,
     *                      described ({@code the header `Accept-Language`}), or null
     * @param writer        the writing request, {@code GET /x (request 3)}
     * @param writerSession the writer's session key, or null
     * @param reader        the reading request
     * @param readerSession the reader's session key, or null
     */
    public static FlowJudge.Verdict judge(String state, boolean keyed, String sources, String writer,
            String writerSession, String reader, String readerSession) {
        if (sources == null || !differentUsers(writerSession, readerSession)) {
            return null;
        }
        String where = keyed
                ? " The entry's key does not include that input: the cache is keyed by less than its value depends on."
                : " Per-user data kept in shared state is served to whoever reads it next.";
        return new FlowJudge.Verdict(Severity.ERROR, "Per-user data served to another user: " + reader + " read "
                + state + ", which " + writer + " of another user wrote with a value derived from " + sources
                + " of " + writer + "." + where);
    }

    /** Both requests have a user key (hashed session, session cookie or Authorization) and they differ. */
    public static boolean differentUsers(String writerSession, String readerSession) {
        return writerSession != null && readerSession != null && !writerSession.equals(readerSession);
    }

    /** A value refreshed from the clock by whichever request came first: information only. */
    public static FlowJudge.Verdict clock(String state, String writer, String reader) {
        return new FlowJudge.Verdict(Severity.INFO, "Refreshed from the clock: requests overwrote " + state
                + " with different values computed where the clock is read, and none of them was derived from a"
                + " request's input; " + reader + " read the one " + writer + " wrote.");
    }
}
