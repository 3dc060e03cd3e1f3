package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Severity;

/**
 * Judges the channels between requests that are not static fields: thread-locals left set on pooled
 * threads, and objects that are not thread-safe used by two requests at once. The severities are
 * the spec's; the messages say what happened and what to do.
 */
public final class ChannelJudge {
    private ChannelJudge() {
    }

    /** A request ended with a thread-local value still set: nobody read it yet. */
    public static FlowJudge.Verdict leftSet(String state, String setter, String setAt, String thread) {
        return new FlowJudge.Verdict(Severity.WARNING, "ThreadLocal left set at the end of " + setter + ": " + state
                + " was set at " + setAt + " and not removed before the request ended, so the next request served"
                + " by thread " + thread + " can read it. Remove it in a finally block where it is set.");
    }

    /** A request read a thread-local value that an earlier request on the same thread set and left. */
    public static FlowJudge.Verdict carryover(String state, String setter, String setAt, String reader,
            String thread, boolean inherited) {
        String how = inherited
                ? " was set by " + setter + " at " + setAt + " and copied into thread " + thread
                        + ", a pool thread created while that request ran (an InheritableThreadLocal); "
                : " was set by " + setter + " at " + setAt + " and not removed when that request ended; ";
        return new FlowJudge.Verdict(Severity.ERROR, "ThreadLocal carry-over: " + state + how + reader
                + ", served later on the same thread " + thread + ", read it before setting it and got the earlier"
                + " request's value. Remove it in a finally block where it is set.");
    }

    /**
     * A request logged a line while the MDC still held an entry an earlier request on the same thread
     * put there: the logging framework read it into the line, attributing it to the wrong request.
     */
    public static FlowJudge.Verdict carriedIntoLog(String state, String setter, String setAt, String reader,
            String thread, String loggedAt) {
        return new FlowJudge.Verdict(Severity.ERROR, "ThreadLocal carry-over into the log: " + state + " was set by "
                + setter + " at " + setAt + " and not removed when that request ended; " + reader + ", served later on"
                + " the same thread " + thread + ", logged a line at " + loggedAt + " without setting it, and the"
                + " logging framework wrote the earlier request's value into that line. Remove it in a finally block"
                + " where it is set.");
    }

    /** Two requests were inside calls that mutate one object that is not thread-safe. */
    public static FlowJudge.Verdict overlap(String state, String type, String first, String firstAt, String second,
            String secondAt) {
        return new FlowJudge.Verdict(Severity.ERROR, "Unsafe concurrent mutation: " + state + " (a " + type
                + ", which is not thread-safe) was being used by " + first + " at " + firstAt + " when " + second
                + " called into it at " + secondAt + " on another thread, with no lock held in common. Its internal"
                + " state can be corrupted (wrong results, exceptions). Give each request its own instance, use a"
                + " thread-safe type, or guard every use with one lock.");
    }
}
