package dev.crosstalk.agent.detect.mutation;

import dev.crosstalk.agent.state.LockSet;
import dev.crosstalk.agent.state.VectorClock;

/**
 * One call on a watched object: who made it (request and thread), where (a site id), what it did,
 * under which locks, at which epoch of its thread ({@link VectorClock}), and when in the agent's
 * global order. For map lookups, the key's digest and
 * whether the key was missing, which is what check-then-act is made of.
 */
public final class Use {
    /** The key of a call that names no key (anything but a map lookup or store). */
    public static final long NO_KEY = 0L;

    /** The id of the request that made the call. */
    public final long request;
    /** Opaque to the judge: the runtime's request, asked whether it is still in flight. */
    public final Object requestTag;
    /** The id of the thread that made the call, for its vector clock. */
    public final long thread;
    /** The name of that thread, as the evidence shows it. */
    public final String threadName;
    /** Where the call was made: a site id of the site table. */
    public final int site;
    /** Whether the call read, iterated over or changed the object. */
    public final UseKind kind;
    /** The locks the thread held at the call: a lock common to two calls keeps them apart. */
    public final LockSet locks;
    /** The call's place in the agent's global order of calls, to tell which of two came first. */
    public final long seq;
    /** The thread's own epoch at the call: another thread that knows it is ordered after the call. */
    public final long epoch;
    /** The digest of the key a map lookup or store named; {@link #NO_KEY} for other calls. */
    public final long key;
    /** A lookup of {@link #key} that found it missing ({@code containsKey} false, {@code get} null). */
    public final boolean missing;

    /** A call, with each of the fields above in order. */
    public Use(long request, Object requestTag, long thread, String threadName, int site, UseKind kind, LockSet locks,
            long seq, long epoch, long key, boolean missing) {
        this.request = request;
        this.requestTag = requestTag;
        this.thread = thread;
        this.threadName = threadName;
        this.site = site;
        this.kind = kind;
        this.locks = locks;
        this.seq = seq;
        this.epoch = epoch;
        this.key = key;
        this.missing = missing;
    }

    boolean missedKey(long k) {
        return missing && key == k && k != NO_KEY;
    }
}
