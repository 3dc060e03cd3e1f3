package dev.crosstalk.agent.state;

import dev.crosstalk.bootstrap.Gates;

/**
 * Which application objects another request can reach, and through what: made outside any request
 * (a servlet, a singleton), or stored into shared state (a static field, a tracked container, a
 * shared object's field: reachable by every request), or stored into an {@code HttpSession}
 * (reachable by the requests of that session only).
 *
 * <p>An object enters at the moment it becomes reachable; what it holds is decided when it is read or
 * written through it, one hop at a time, so an object that never becomes reachable costs nothing
 * more than the identity-hash bit test of {@link Gates#share}. Weak and capped: once full, later
 * objects are not shared, and say so without taking the lock.
 */
public final class Reachability {
    /** The scope of an object every request can reach. */
    public static final Boolean EVERY_REQUEST = Boolean.TRUE;
    /** The scope of an object only the requests of one session can reach. */
    public static final Boolean ONE_SESSION = Boolean.FALSE;

    private final WeakIdentityMap<Boolean> shared;
    private volatile boolean full;

    /** Remembers at most {@code max} objects. */
    public Reachability(int max) {
        this.shared = new WeakIdentityMap<>(max);
    }

    /** An application object was made outside any request. */
    public void madeOutsideRequests(Object o) {
        add(o, EVERY_REQUEST);
    }

    /**
     * {@code o} was stored where other requests can reach it: all of them, or, for a session
     * attribute, those of its session. An object once reachable by every request stays so.
     */
    public void published(Object o, boolean session) {
        if (o == null || full) {
            return;
        }
        Boolean now = shared.get(o);
        if (now == EVERY_REQUEST || now == ONE_SESSION && session) {
            return;
        }
        add(o, session ? ONE_SESSION : EVERY_REQUEST);
    }

    /** {@link #EVERY_REQUEST}, {@link #ONE_SESSION}, or null for an object no other request can reach. */
    public Boolean scope(Object o) {
        return shared.get(o);
    }

    /** Whether some other request can reach {@code o}. */
    public boolean reachable(Object o) {
        return shared.get(o) != null;
    }

    private void add(Object o, Boolean scope) {
        if (full) {
            return;
        }
        if (shared.put(o, scope)) {
            Gates.share(o);
        } else {
            full = true;
        }
    }
}
