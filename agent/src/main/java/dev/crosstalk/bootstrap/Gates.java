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

    /** Roots of shared state not made outside requests (session attributes): their container fields are shared. */
    private static final int ROOT_BITS = 1 << 16;
    private static final long[] ROOTS = new long[ROOT_BITS / 64];

    /** Publication windows open now, anywhere: while zero, field and method-exit hooks skip the window work. */
    private static volatile int windows;

    /** Set once a request wrote a non-final field of a shared object; before that, reads need no check. */
    private static volatile boolean sharedFieldsWritten;

    /**
     * Static-read sites whose last read needed nothing of the runtime, with the value then read (its
     * identity hash) and the {@link #STATICS} generation then current: the same value read again at
     * the same site costs one compare until a static's standing changes (a first request write, a
     * reset, a user's data). Sites past the table's end are never settled.
     */
    private static final int SETTLED_SITES = 1 << 14;
    private static final long[] SETTLED = new long[SETTLED_SITES];
    private static final java.util.concurrent.atomic.AtomicInteger STATICS =
            new java.util.concurrent.atomic.AtomicInteger(1);

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

    /** Marks an object as a root of shared state (a session attribute); called by the runtime. */
    public static void root(Object o) {
        set(ROOTS, ROOT_BITS, o);
    }

    static boolean maybeRoot(Object o) {
        return o != null && test(ROOTS, ROOT_BITS, o);
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

    /** True when {@code site} was settled on {@code value} in the current generation: the read needs no runtime. */
    static boolean settled(int site, Object value) {
        return site >= 0 && site < SETTLED_SITES && SETTLED[site] == settledWord(STATICS.get(), value);
    }

    /** The runtime read the generation, then found that reading {@code value} at {@code site} needs nothing of it. */
    public static void settle(int site, Object value, int generation) {
        if (site >= 0 && site < SETTLED_SITES) {
            SETTLED[site] = settledWord(generation, value);
        }
    }

    /** The current generation of the statics' standing, read before the runtime looks at a field's flags. */
    public static int staticsGeneration() {
        return STATICS.get();
    }

    /** A static's standing changed (set the flag first): every settled site reads through the runtime again. */
    public static void staticsChanged() {
        STATICS.incrementAndGet();
    }

    private static long settledWord(int generation, Object value) {
        return (long) generation << 32 | (value == null ? 0 : System.identityHashCode(value)) & 0xffffffffL;
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
