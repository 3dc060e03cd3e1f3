package dev.crosstalk.bootstrap;

/**
 * Entry points for the detection of unsafe concurrent mutation: calls on builders that may be
 * shared, loads of container fields from shared objects, the locks application code takes, and its
 * reads and writes of {@code volatile} fields (happens-before edges).
 * Bootstrap class, JDK types only; every method guards the agent's work with {@code catch
 * (Throwable)}, counts it in {@link Hooks#errors()}, and leaves the application's values as they
 * were.
 *
 * <p>Fast paths: a builder or container nobody saw in shared state costs one identity hash and one
 * bit test ({@link Gates#maybeTracked}); a field load from an object made inside a request costs
 * the same on its owner.
 */
public final class MutationHooks {
    /** Use kind: a call that only reads the object. */
    public static final int READ = 0;
    /** Use kind: an iteration over the whole object. */
    public static final int ITERATE = 1;
    /** Use kind: a call that changes the object. */
    public static final int WRITE = 2;

    /** Lock event: a {@code synchronized} block or method entered. */
    public static final int MONITOR_ENTER = 1;
    /** Lock event: a {@code synchronized} block or method left. */
    public static final int MONITOR_EXIT = 2;
    /** Lock event: {@code lock()} (or a successful {@code tryLock()}) on a {@code java.util.concurrent} lock. */
    public static final int LOCK = 3;
    /** Lock event: {@code unlock()} on a {@code java.util.concurrent} lock. */
    public static final int UNLOCK = 4;

    /** Which half of a read-write lock: the read lock. */
    public static final int READ_HALF = 1;
    /** Which half of a read-write lock: the write lock. */
    public static final int WRITE_HALF = 2;

    private MutationHooks() {
    }

    // The events of deliver(): one constant per kind of call, so that each hook's inlined copy keeps one branch.
    private static final int USE = 0;
    private static final int FIELD_LOADED = 1;
    private static final int LOCK_EVENT = 2;
    private static final int VOLATILE_WRITE = 3;
    private static final int VOLATILE_READ = 4;
    private static final int HALF = 5;

    /**
     * The one guard of the hooks here that call the runtime: whatever it throws is counted
     * ({@link Hooks#error}) instead of reaching the application. {@code n} is the event's number: a use
     * kind, a lock event, a lock half.
     */
    private static void deliver(int event, int site, Object a, Object b, int n) {
        try {
            switch (event) {
                case USE:
                    Hooks.sink.mutationUse(site, a, n);
                    return;
                case FIELD_LOADED:
                    Hooks.sink.sharedFieldValue(site, a, b);
                    return;
                case LOCK_EVENT:
                    Hooks.sink.lockEvent(a, n);
                    return;
                case VOLATILE_WRITE:
                case VOLATILE_READ:
                    Hooks.sink.volatileAccess(site, a, event == VOLATILE_WRITE);
                    return;
                case HALF:
                    Hooks.sink.lockHalf(a, b, n == READ_HALF);
                    return;
                default:
                    throw new IllegalArgumentException("mutation event " + event);
            }
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A call of {@code kind} on {@code target} (a builder) is about to run or has run. */
    public static void use(Object target, int site, int kind) {
        if (Gates.maybeTracked(target)) {
            deliver(USE, site, target, null, kind);
        }
    }

    /** {@link #use} after a call that returns its receiver ({@code append}); returns it. */
    public static Object used(Object result, int site, int kind) {
        use(result, site, kind);
        return result;
    }

    /** A container or builder was loaded from a field of {@code owner}. */
    public static void fieldLoaded(Object owner, Object value, int site) {
        if (value == null || owner == null || !(Gates.maybeShared(owner) || Gates.maybeRoot(owner))) {
            return;
        }
        deliver(FIELD_LOADED, site, owner, value, 0);
    }

    /** A monitor or {@code java.util.concurrent} lock is taken or released ({@link #MONITOR_ENTER} …). */
    public static void lock(Object lock, int event) {
        if (lock != null) {
            deliver(LOCK_EVENT, 0, lock, null, event);
        }
    }

    /**
     * A {@code volatile} field of {@code owner} (null for a static) named by {@code site} is about to be
     * written: a release, so it runs before the write.
     */
    public static void volatileWrite(Object owner, int site) {
        volatileAccess(owner, site, true);
    }

    /** That field was just read: an acquire, so it runs after the read. */
    public static void volatileRead(Object owner, int site) {
        volatileAccess(owner, site, false);
    }

    /**
     * Statics always; an instance field only when its owner may be shared: an object no other request
     * can reach carries no edge between requests, and costs one bit test.
     */
    private static void volatileAccess(Object owner, int site, boolean write) {
        if (owner != null && !(Gates.maybeShared(owner) || Gates.maybeRoot(owner))) {
            return;
        }
        deliver(write ? VOLATILE_WRITE : VOLATILE_READ, site, owner, null, 0);
    }

    /** {@code Lock.tryLock()} returned {@code acquired}; returns it. */
    public static boolean tried(boolean acquired, Object lock) {
        if (acquired) {
            lock(lock, LOCK);
        }
        return acquired;
    }

    /** {@code readWriteLock.readLock()} or {@code writeLock()} returned {@code half}; returns it. */
    public static Object half(Object readWriteLock, Object half, int which) {
        if (half != null) {
            deliver(HALF, 0, readWriteLock, half, which);
        }
        return half;
    }

    /** The access-order argument of the {@code LinkedHashMap} this thread is constructing. */
    private static final ThreadLocal<boolean[]> ACCESS_ORDER = ThreadLocal.withInitial(() -> new boolean[1]);

    /** Passes the {@code accessOrder} argument of {@code LinkedHashMap(int, float, boolean)} through. */
    public static boolean accessOrderArgument(boolean accessOrder) {
        try {
            ACCESS_ORDER.get()[0] = accessOrder;
        } catch (Throwable t) {
            Hooks.error(t);
        }
        return accessOrder;
    }

    /** That {@code LinkedHashMap} is constructed: in access order its {@code get} is a structural change. */
    public static void mapConstructed(Object map) {
        try {
            boolean[] flag = ACCESS_ORDER.get();
            boolean accessOrder = flag[0];
            flag[0] = false;
            if (accessOrder && map != null) {
                Hooks.sink.accessOrdered(map);
            }
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }
}
