package dev.crosstalk.agent.detect.mutation;

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
 * (or ended) make room. The calls of a request that ended are dropped at the next call on the object,
 * or when the runtime says it ended ({@link #forget}): they can no longer conflict with anything, and
 * a watched object per session (a cart) would otherwise keep its last request's calls for the
 * session's life. Thread-safe.
 */
public final class UseHistory {
    static final int REQUESTS = 8;
    static final int KEYS = 16;

    /** Whether the request behind a {@link Use#requestTag} is still running. */
    @FunctionalInterface
    public interface Liveness {
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

    private static final Track[] NO_TRACKS = new Track[0];
    private static final KeyCheck[] NO_CHECKS = new KeyCheck[0];

    // Both grow on use: most watched objects meet one or two requests, and lists never look up keys.
    private Track[] tracks = NO_TRACKS;
    private KeyCheck[] checks = NO_CHECKS;
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
        dropEnded(use, liveness);
        remember(use);
        return found;
    }

    /** The request {@code request} ended: its calls are forgotten (its key checks stay, see {@link #checkThenAct}). */
    public synchronized void forget(long request) {
        boolean none = true;
        for (int i = 0; i < tracks.length; i++) {
            if (tracks[i] != null && tracks[i].request == request) {
                tracks[i] = null;
            }
            none &= tracks[i] == null;
        }
        if (none) {
            tracks = NO_TRACKS;
        }
    }

    /** Whether nothing of any request is remembered. */
    public synchronized boolean isEmpty() {
        for (Track t : tracks) {
            if (t != null) {
                return false;
            }
        }
        for (KeyCheck c : checks) {
            if (c != null) {
                return false;
            }
        }
        return true;
    }

    private void dropEnded(Use use, Liveness liveness) {
        for (int i = 0; i < tracks.length; i++) {
            Track t = tracks[i];
            if (t != null && t.request != use.request && !liveness.inFlight(t.tag)) {
                tracks[i] = null;
            }
        }
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
        for (int i = 0; i < checks.length; i++) {
            if (checks[i] == null) {
                checks[i] = fresh;
                return;
            }
        }
        if (checks.length < KEYS) {
            int at = checks.length;
            checks = java.util.Arrays.copyOf(checks, Math.min(KEYS, Math.max(2, at * 2)));
            checks[at] = fresh;
            return;
        }
        checks[nextCheck] = fresh;
        nextCheck = (nextCheck + 1) % checks.length;
    }

    /** The track of the use's request: its own, an empty one, a new one, or the one used longest ago. */
    private Track track(Use use) {
        Track oldest = null;
        int empty = -1;
        for (int i = 0; i < tracks.length; i++) {
            Track t = tracks[i];
            if (t == null) {
                empty = empty < 0 ? i : empty;
                continue;
            }
            if (t.request == use.request) {
                return t;
            }
            if (oldest == null || t.lastSeq < oldest.lastSeq) {
                oldest = t;
            }
        }
        if (empty < 0 && tracks.length < REQUESTS) {
            empty = tracks.length;
            tracks = java.util.Arrays.copyOf(tracks, Math.min(REQUESTS, Math.max(2, empty * 2)));
        }
        if (empty >= 0) {
            tracks[empty] = new Track();
            return reset(tracks[empty], use);
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
