package dev.crosstalk.agent.state;


/** What one thread is doing: the request it serves (if any), boundary nesting, class initialisation. */
public final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::first);

    /**
     * In front of {@link #CURRENT}, indexed by thread id: every hook asks for its thread's state, and a
     * server thread's thread-local map is crowded (its probe walk was 3% of a small request's CPU). A
     * slot is only ever trusted by the thread whose id it holds, so plain writes are enough; a dead
     * thread's state stays until a thread with the same low id bits takes the slot.
     */
    private static final int SLOTS = 512;
    private static final ThreadState[] BY_ID = new ThreadState[SLOTS];

    /** The id of the thread this state belongs to (ids are never reused). */
    private final long threadId = Thread.currentThread().getId();

    /** Threads a request started, until they first run: they serve that request for their whole life. */
    public static final WeakIdentityMap<RequestContext> STARTED_BY_REQUEST = new WeakIdentityMap<>(10_000);

    /** The request this thread works for, or null. */
    public RequestContext request;
    /** How deep this thread is in nested request boundaries. */
    public int boundaryDepth;
    /** How deep this thread is in class initialisers. */
    public int classInitDepth;
    /** The request this thread served last: an error page dispatched right after it is still that request. */
    public RequestContext lastRequest;
    /** The request a handed-on task had made current when a new request began inline on this thread. */
    public RequestContext handedOn;
    /** Thread-local values requests set on this thread and have not removed (see the thread-locals detector). */
    public final java.util.ArrayList<ThreadValue> threadLocals = new java.util.ArrayList<>(0);
    /**
     * Records of values set and removed again, kept to be reused: a request that sets a thread-local
     * and removes it in a {@code finally} (the usual filter) would otherwise make and drop a record
     * (and a weak reference to the thread-local) every time.
     */
    public final java.util.ArrayList<ThreadValue> spareThreadLocals = new java.util.ArrayList<>(0);

    /** The last number this thread incremented ({@code version++}): a version if the same method empties state next. */
    public Site incremented;
    /** The request in which {@link #incremented} was incremented. */
    public RequestContext incrementedIn;

    /** This thread incremented the number at {@code site} ({@code version++}, {@code incrementAndGet()}) in {@code request}. */
    public void incremented(Site site, RequestContext request) {
        incremented = site;
        incrementedIn = request;
    }

    /** Stands for this thread among the makers of start-up objects ({@link Reachability}): no reference to the thread. */
    public final Object maker = new Object();

    /** The locks this thread holds in its current request (see the mutations detector). */
    public final HeldLocks locks = new HeldLocks();

    /** What this thread knows of others through {@code volatile} fields; kept across requests (see the mutations detector). */
    public final VectorClock clock = VectorClock.of(Thread.currentThread().getId());

    private static ThreadState first() {
        ThreadState ts = new ThreadState();
        ts.request = STARTED_BY_REQUEST.remove(Thread.currentThread());
        return ts;
    }

    /** The current thread's state. */
    public static ThreadState get() {
        long id = Thread.currentThread().getId();
        int slot = (int) id & (SLOTS - 1);
        ThreadState ts = BY_ID[slot];
        if (ts != null && ts.threadId == id) {
            return ts;
        }
        ts = CURRENT.get();
        BY_ID[slot] = ts;
        return ts;
    }

    /** Back to serving no request, outside any boundary or class initialiser. */
    public void clear() {
        request = null;
        boundaryDepth = 0;
        classInitDepth = 0;
        threadLocals.clear();
        spareThreadLocals.clear();
        lastRequest = null;
        handedOn = null;
        incremented = null;
        incrementedIn = null;
    }

    /** The request whose writes and reads this thread makes now: none inside a class initialiser. */
    public RequestContext activeRequest() {
        return classInitDepth > 0 ? null : request;
    }
}
