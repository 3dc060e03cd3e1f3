package dev.crosstalk.agent.detect.mutation;

import dev.crosstalk.agent.state.VectorClock;

/**
 * What the requests in flight last did to one object that is not thread-safe, and the judgement of
 * each new call against it (Eraser's lockset, narrowed to calls of requests that were in flight at
 * once):
 *
 * <p>a call conflicts with an earlier call of another request when that request is still in flight,
 * ran it on another thread, at least one of the two mutates, no lock common to both kept them
 * apart, and no happens-before edge the agent saw orders them: the current thread does not know
 * the earlier call's epoch through {@code volatile} writes and reads ({@link VectorClock}). Nothing
 * about the exact time of the two calls matters: two requests in flight together have no ordering
 * between them except the locks they take and the edges they make, so the corruption can happen
 * between the calls as well as inside them.
 *
 * <p>A lookup that found a key missing and a store of that key by another request are not reported
 * as a race while the looking request may still store the key itself: when it does, it is
 * check-then-act, reported once with both lookups and both stores.
 *
 * <p>Bounded: {@value #REQUESTS} requests and {@value #KEYS} looked-up keys per object; the oldest
 * (or ended) make room. Thread-safe.
 */
public final class UseHistory {
    static final int REQUESTS = 8;
    static final int KEYS = 16;

    /** Whether the request behind a {@link Use#requestTag} is still running. */
    @FunctionalInterface
    public interface Liveness {
        /** True while the request behind {@code requestTag} has not ended. */
        boolean inFlight(Object requestTag);
    }

    /** The last calls of one request on this object. */
    private static final class Track {
        long request;
        Object tag;
        Use lastRead;
        Use lastIterate;
        Use lastWrite;
        long lastSeq;
    }

    /** A request's lookup that found a key missing, and its store of that key afterwards. */
    private static final class KeyCheck {
        final Use missed;
        Use stored;

        KeyCheck(Use missed) {
            this.missed = missed;
        }
    }

    private final Track[] tracks = new Track[REQUESTS];
    private final KeyCheck[] checks = new KeyCheck[KEYS];
    private int nextCheck;

    /**
     * Judges {@code use} against the calls remembered so far, then remembers it. {@code known} is the
     * clock of the thread making the call, read on that thread. Null: no conflict.
     */
    public synchronized Conflict record(Use use, Liveness liveness, VectorClock known) {
        Conflict found = use.kind.mutates() && use.key != Use.NO_KEY ? checkThenAct(use) : null;
        if (found == null) {
            found = race(use, liveness, known);
        }
        remember(use);
        return found;
    }

    private Conflict race(Use use, Liveness liveness, VectorClock known) {
        for (Track t : tracks) {
            if (t == null || t.request == use.request || !liveness.inFlight(t.tag)) {
                continue;
            }
            Use[] candidates = use.kind.mutates() ? new Use[] {t.lastWrite, t.lastIterate, t.lastRead}
                    : new Use[] {t.lastWrite};
            for (Use other : candidates) {
                if (other == null || other.thread == use.thread || use.locks.excludes(other.locks)
                        || known.knows(other.thread, other.epoch)) {
                    continue;
                }
                if (use.kind.mutates() && other.missedKey(use.key) && pendingStore(other)) {
                    continue; // the other request may store this key too: judged as check-then-act then
                }
                return Conflict.race(other, use);
            }
        }
        return null;
    }

    /** True when the request that made {@code lookup} found the key missing and has not stored it yet. */
    private boolean pendingStore(Use lookup) {
        KeyCheck c = check(lookup.request, lookup.key);
        return c != null && c.missed == lookup && c.stored == null;
    }

    private Conflict checkThenAct(Use store) {
        KeyCheck mine = check(store.request, store.key);
        if (mine == null || mine.stored != null) {
            return null;
        }
        for (KeyCheck other : checks) {
            if (other == null || other == mine || other.stored == null || other.missed.key != store.key
                    || other.missed.request == store.request || other.missed.thread == store.thread) {
                continue;
            }
            // Both found it missing: this request looked before the other one stored it. The order
            // itself shows that nothing ordered the two, so the other request may have ended since.
            if (mine.missed.seq < other.stored.seq) {
                return Conflict.checkThenAct(other.missed, other.stored, mine.missed, store);
            }
        }
        return null;
    }

    private KeyCheck check(long request, long key) {
        for (KeyCheck c : checks) {
            if (c != null && c.missed.request == request && c.missed.key == key) {
                return c;
            }
        }
        return null;
    }

    private void remember(Use use) {
        Track t = track(use);
        t.lastSeq = use.seq;
        switch (use.kind) {
            case WRITE:
                t.lastWrite = use;
                break;
            case ITERATE:
                t.lastIterate = use;
                break;
            default:
                t.lastRead = use;
        }
        if (use.key == Use.NO_KEY) {
            return;
        }
        KeyCheck c = check(use.request, use.key);
        if (use.missing) {
            if (c != null && c.stored == null) {
                return; // looked again before storing: the first lookup is the one that raced
            }
            replaceCheck(c, new KeyCheck(use));
        } else if (use.kind.mutates() && c != null && c.stored == null) {
            c.stored = use;
        }
    }

    private void replaceCheck(KeyCheck old, KeyCheck fresh) {
        for (int i = 0; i < checks.length; i++) {
            if (checks[i] == old && old != null) {
                checks[i] = fresh;
                return;
            }
        }
        checks[nextCheck] = fresh;
        nextCheck = (nextCheck + 1) % checks.length;
    }

    /** The track of the use's request: its own, an empty one, or the one used longest ago. */
    private Track track(Use use) {
        Track oldest = null;
        for (int i = 0; i < tracks.length; i++) {
            Track t = tracks[i];
            if (t == null) {
                t = new Track();
                tracks[i] = t;
                return reset(t, use);
            }
            if (t.request == use.request) {
                return t;
            }
            if (oldest == null || t.lastSeq < oldest.lastSeq) {
                oldest = t;
            }
        }
        return reset(oldest, use);
    }

    private static Track reset(Track t, Use use) {
        t.request = use.request;
        t.tag = use.requestTag;
        t.lastRead = null;
        t.lastIterate = null;
        t.lastWrite = null;
        return t;
    }
}
