package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Severity;
import java.util.List;

/**
 * Judges half-built shared state. Publishing an object and then filling it is the bug whether or
 * not a reader was caught in the window: a warning when it only ran at startup (no request could be
 * reading yet), an error when request code did it (the {@code ?init=abracadabra} reload). A read
 * inside the window of a key or field filled only later is always an error, and so is a reset that
 * pulls state from under a request that is still using it.
 */
public final class PublicationJudge {
    private PublicationJudge() {
    }

    /**
     * @param state          the state the object was published into
     * @param container      the object is a map or collection (filled with entries), not a struct (fields)
     * @param publishedAt    the code location of the publishing store
     * @param fills          what was filled after publication, in order (keys or field names)
     * @param requestLabel   the request that published it this time, or null at startup/in background
     * @param seenAtStartup  this publishing site also ran outside requests at some point
     * @param requestSeen    a request that ran this publishing site at some point, or null
     */
    public static FlowJudge.Verdict publishThenPopulate(String state, boolean container, String publishedAt,
            List<String> fills, String requestLabel, boolean seenAtStartup, String requestSeen) {
        String unit = container ? (fills.size() == 1 ? " entry" : " entries") : (fills.size() == 1 ? " field" : " fields");
        String filled = fills.size() + unit + " (" + String.join(", ", fills) + ")";
        String what = "Published, then populated: " + state + " was given a new object at " + publishedAt
                + " and the same thread then filled it with " + filled
                + " before the publishing method returned; until then other threads see it half-built."
                + " Build it in a local variable and publish it with one assignment.";
        return severity(what, requestLabel, seenAtStartup, requestSeen);
    }

    /**
     * A guard flag said "ready" before the state it guards was filled.
     *
     * @param flag  the flag's state: a boolean set true, a version, a non-null sentinel
     * @param fills the guarded state filled after it, in order ({@code com.acme.Rates.RATES[EUR]})
     */
    public static FlowJudge.Verdict guardSetFirst(String flag, String setAt, List<String> fills, String requestLabel,
            boolean seenAtStartup, String requestSeen) {
        String what = "Guard flag set first: " + flag + " was set at " + setAt + ", saying the state it guards is"
                + " ready, and the same thread then filled that state (" + String.join(", ", fills) + ") before the"
                + " method returned; meanwhile other threads that check the flag skip the loading and find entries"
                + " missing. Set the flag last, after everything it guards is filled.";
        return severity(what, requestLabel, seenAtStartup, requestSeen);
    }

    private static FlowJudge.Verdict severity(String what, String requestLabel, boolean seenAtStartup,
            String requestSeen) {
        if (requestSeen != null && seenAtStartup) {
            return new FlowJudge.Verdict(Severity.ERROR, what + " Safe at startup, unsafe when called from "
                    + requestSeen + ".");
        }
        if (requestLabel != null || requestSeen != null) {
            return new FlowJudge.Verdict(Severity.ERROR, what + " It ran inside a request ("
                    + (requestLabel != null ? requestLabel : requestSeen) + "), while other requests may read it.");
        }
        return new FlowJudge.Verdict(Severity.WARNING, what + " It ran outside any request (at startup or in the"
                + " background), so no request was reading it yet; it becomes an error if request code runs it.");
    }

    /** A reader saw the object before {@code missing} was filled. */
    public static FlowJudge.Verdict partialInitRead(String state, String missing, String reader, String publisher,
            String publishedAt, String filledAt) {
        return new FlowJudge.Verdict(Severity.ERROR, "Partial initialisation read: " + reader + " read " + state
                + " while " + publisher + " was still filling it: " + missing + " was not there yet (it was filled"
                + " afterwards at " + filledAt + "). The object had been published at " + publishedAt
                + " before it was complete.");
    }

    /** A request replaced or cleared state that another request in flight had read and read again. */
    public static FlowJudge.Verdict resetDuringUse(String state, String resetter, String resetAt, String user) {
        return new FlowJudge.Verdict(Severity.ERROR, "Reset during use: " + resetter + " replaced or cleared " + state
                + " at " + resetAt + " while " + user + ", which had already read it, was still using it; " + user
                + " then read it again and got the new, different contents.");
    }
}
