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

    /**
     * Per object: {@link #EVERY_REQUEST}, {@link #ONE_SESSION}, or, for an object made outside requests
     * that no other thread has reached yet, the {@link ThreadState#maker} of the thread that made it.
     */
    private final WeakIdentityMap<Object> shared;
    /** Containers first reached through a field of an object its own thread made and nobody else reached yet: their holder. */
    private final WeakIdentityMap<java.lang.ref.WeakReference<Object>> heldByLocal;
    private volatile boolean full;

    /** Remembers at most {@code max} objects. */
    public Reachability(int max) {
        this.shared = new WeakIdentityMap<>(max);
        this.heldByLocal = new WeakIdentityMap<>(max);
    }

    /**
     * An application object was made outside any request by the thread of {@code maker}. Every request
     * may reach it (a servlet, a singleton), but until a thread other than its maker does, or it is
     * stored into shared state, the start-up code that made it may still be wiring it.
     */
    public void madeOutsideRequests(Object o, ThreadState maker) {
        add(o, maker.maker);
    }

    /**
     * {@code o} was stored where other requests can reach it: all of them, or, for a session
     * attribute, those of its session. An object once reachable by every request stays so.
     */
    public void published(Object o, boolean session) {
        if (o == null || full) {
            return;
        }
        Object now = shared.get(o);
        if (now == EVERY_REQUEST || now == ONE_SESSION && session) {
            return;
        }
        add(o, session && now == null ? ONE_SESSION : EVERY_REQUEST);
    }

    /**
     * {@link #EVERY_REQUEST}, {@link #ONE_SESSION}, or null for an object no other request can reach. A
     * start-up object reached by a thread other than its maker is no longer only its maker's.
     */
    public Boolean scope(Object o) {
        Object scope = shared.get(o);
        if (scope == null || scope instanceof Boolean) {
            return (Boolean) scope;
        }
        if (scope != ThreadState.get().maker) {
            shared.put(o, EVERY_REQUEST);
        }
        return EVERY_REQUEST;
    }

    /**
     * The container {@code container} was first reached through a field of {@code holder}: if this
     * thread made {@code holder} and no other thread reached it yet, so is the container.
     */
    public void reachedThrough(Object container, Object holder) {
        if (onlyMadeHere(holder)) {
            heldByLocal.put(container, new java.lang.ref.WeakReference<>(holder));
        }
    }

    /**
     * Whether {@code container} is held by an object this thread made outside requests and that no
     * other thread has reached yet, nor been stored into shared state: start-up wiring on one thread,
     * which others can reach only once it is handed over (a thread started, a server started).
     */
    public boolean heldOnlyHere(Object container) {
        java.lang.ref.WeakReference<Object> holder = heldByLocal.get(container);
        return holder != null && onlyMadeHere(holder.get());
    }

    /** Whether this thread made {@code o} outside requests and no other thread has reached it, nor shared state held it. */
    public boolean onlyMadeHere(Object o) {
        return o != null && shared.get(o) == ThreadState.get().maker;
    }

    /** Whether some other request can reach {@code o}. */
    public boolean reachable(Object o) {
        return shared.get(o) != null;
    }

    private void add(Object o, Object scope) {
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
