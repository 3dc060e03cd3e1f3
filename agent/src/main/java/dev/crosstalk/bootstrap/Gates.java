package dev.crosstalk.bootstrap;

/**
 * The admission gates: what lets a hook return before calling the runtime. Each is written by the
 * runtime and read by hooks on every access, so a gate is a volatile flag or a bit set over identity
 * hashes: a clear bit proves an object untracked without a map lookup (false positives allowed,
 * false negatives not), and the runtime decides a set bit with its own identity map.
 */
public final class Gates {
    /** Containers published into shared state. */
    private static final int FILTER_BITS = 1 << 16;
    private static final long[] FILTER = new long[FILTER_BITS / 64];

    /**
     * Objects created outside any request (servlets, filters, framework singletons): instance-field
     * hooks on an object whose bit is clear (most objects, made and dropped inside one request) return
     * after this one check.
     */
    private static final int SHARED_BITS = 1 << 20;
    private static final long[] SHARED = new long[SHARED_BITS / 64];

    /** Publication windows open now, anywhere: while zero, field and method-exit hooks skip the window work. */
    private static volatile int windows;

    /** Set once a request wrote a non-final field of a shared object; before that, reads need no check. */
    private static volatile boolean sharedFieldsWritten;

    private Gates() {
    }

    /** Marks a container as possibly tracked; called by the runtime when it publishes one. */
    public static void admit(Object container) {
        set(FILTER, FILTER_BITS, container);
    }

    /** True when a container may be tracked. */
    public static boolean maybeTracked(Object container) {
        return container != null && test(FILTER, FILTER_BITS, container);
    }

    /** Marks an object as possibly shared; called by the runtime. */
    public static void share(Object o) {
        set(SHARED, SHARED_BITS, o);
    }

    static boolean maybeShared(Object o) {
        return o != null && test(SHARED, SHARED_BITS, o);
    }

    /** The runtime says how many publication windows are open. */
    public static void windows(int open) {
        windows = open;
    }

    static boolean windowsOpen() {
        return windows != 0;
    }

    /** The runtime saw the first request write of a shared object's field. */
    public static void sharedFieldWritten() {
        sharedFieldsWritten = true;
    }

    static boolean sharedFieldsWritten() {
        return sharedFieldsWritten;
    }

    private static void set(long[] bits, int size, Object o) {
        int h = System.identityHashCode(o) & (size - 1);
        synchronized (bits) {
            bits[h >>> 6] |= 1L << h;
        }
    }

    private static boolean test(long[] bits, int size, Object o) {
        int h = System.identityHashCode(o) & (size - 1);
        return (bits[h >>> 6] & (1L << h)) != 0;
    }
}
