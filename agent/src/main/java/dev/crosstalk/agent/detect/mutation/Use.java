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
    public static final long NO_KEY = 0L;

    public final long request;
    /** Opaque to the judge: the runtime's request, asked whether it is still in flight. */
    public final Object requestTag;
    public final long thread;
    public final String threadName;
    public final int site;
    public final UseKind kind;
    public final LockSet locks;
    public final long seq;
    /** The thread's own epoch at the call: another thread that knows it is ordered after the call. */
    public final long epoch;
    public final long key;
    /** A lookup of {@link #key} that found it missing ({@code containsKey} false, {@code get} null). */
    public final boolean missing;

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
