package dev.crosstalk.bootstrap;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The static entry points that instrumented application code calls. This class is appended to the
 * bootstrap class loader and typed with JDK types only.
 *
 * <p>Two rules hold for every method: the application's own operation runs exactly once and its
 * result or exception reaches the caller unchanged; anything the agent does around it is guarded by
 * {@code catch (Throwable)} and counted in {@link #errors()}.
 *
 * <p>Container hooks replace the call they instrument ({@code map.get(k)} becomes
 * {@code Hooks.mapGet(map, k, site)}), so they perform the call themselves. One visible difference
 * follows: on a null receiver the {@code NullPointerException} is the same, and its message still
 * names the method that could not be invoked, but its "because ..." clause names the hook's
 * parameter rather than the application's variable, and the top stack frame is the hook's. Their fast path, for a
 * container nobody published into shared state, is one identity hash and one bit test.
 */
public final class Hooks {
    public static final int OP_GET = 1;          // key -> value read
    public static final int OP_CONTAINS = 2;     // presence read: value is Boolean
    public static final int OP_PUT = 3;          // key, value written
    public static final int OP_PUT_IF_ABSENT = 4; // value is what the map holds afterwards; only when written
    public static final int OP_REMOVE = 5;       // key removed
    public static final int OP_CLEAR = 6;        // everything removed
    public static final int OP_READ_ALL = 7;     // iteration, views, bulk reads
    public static final int OP_MERGE = 8;        // atomic read-modify-write of key
    public static final int OP_PUT_ALL = 9;      // value is the source map
    public static final int OP_ADD = 10;         // element added to a collection
    public static final int OP_INDEX_GET = 11;   // key is the Integer index
    public static final int OP_INDEX_SET = 12;   // key is the Integer index

    public static final int KIND_JAKARTA = 1;
    public static final int KIND_JAVAX = 2;
    public static final int KIND_JDK_HTTP = 3;
    public static final int KIND_ENTRY_METHOD = 4;

    private static volatile Sink sink;
    /** Publication windows open now, anywhere: while zero, field and method-exit hooks return at once. */
    private static volatile int windows;
    private static final AtomicLong ERRORS = new AtomicLong();

    /**
     * Containers published into shared state, as a bit set over identity hashes: a clear bit proves
     * the container untracked without a map lookup; a set bit sends the call to the sink, which
     * decides with its own identity map.
     */
    private static final int FILTER_BITS = 1 << 16;
    private static final long[] FILTER = new long[FILTER_BITS / 64];

    private Hooks() {
    }

    /** Installs the runtime; null uninstalls it, after which every hook is a plain call. */
    public static void install(Sink s) {
        sink = s;
    }

    /**
     * Every finding so far, for tools in the same JVM (the {@code crosstalk-junit} extension): one map
     * per finding with the fields of the JSON output ({@code type}, {@code severity}, {@code state},
     * {@code fingerprint}, {@code message}, {@code count}, {@code writer}, {@code reader}, …), built
     * from JDK types only. Empty when the agent is not running. Never throws.
     */
    public static java.util.List<java.util.Map<String, Object>> findings() {
        Sink s = sink;
        if (s == null) {
            return java.util.Collections.emptyList();
        }
        try {
            return s.findings();
        } catch (Throwable t) {
            error(t);
            return java.util.Collections.emptyList();
        }
    }

    /**
     * True while the agent's runtime is installed. An empty {@link #findings()} means "nothing found"
     * only when this is true: the hooks can be on the boot class path with no runtime behind them,
     * when the agent stayed off after a failed self-test.
     */
    public static boolean active() {
        return sink != null;
    }

    /** How many exceptions the agent caught in its own code (never the application's). */
    public static long errors() {
        return ERRORS.get();
    }

    /** Counts an exception thrown by agent code; never rethrows. */
    public static void error(Throwable t) {
        ERRORS.incrementAndGet();
    }

    /** Marks a container as possibly tracked; called by the runtime when it publishes one. */
    public static void admit(Object container) {
        int h = System.identityHashCode(container) & (FILTER_BITS - 1);
        synchronized (FILTER) {
            FILTER[h >>> 6] |= 1L << h;
        }
    }

    /** True when a container may be tracked (false positives allowed, false negatives not). */
    public static boolean maybeTracked(Object container) {
        if (container == null || sink == null) {
            return false;
        }
        int h = System.identityHashCode(container) & (FILTER_BITS - 1);
        return (FILTER[h >>> 6] & (1L << h)) != 0;
    }

    /** The runtime says how many publication windows are open. */
    public static void windows(int open) {
        windows = open;
    }

    // ---- instance fields and publishing methods -------------------------------------------------

    /**
     * Objects created outside any request (servlets, filters, framework singletons), as a bit set over
     * identity hashes like {@link #FILTER}: instance-field hooks on an object whose bit is clear (most
     * objects, made and dropped inside one request) return after this one check.
     */
    private static final int SHARED_BITS = 1 << 20;
    private static final long[] SHARED = new long[SHARED_BITS / 64];

    /** Set once a request wrote a non-final field of a shared object; before that, reads need no check. */
    private static volatile boolean sharedFieldsWritten;

    /** The runtime saw the first request write of a shared object's field. */
    public static void sharedFieldWritten() {
        sharedFieldsWritten = true;
    }

    /** Marks an object as possibly shared; called by the runtime. */
    public static void share(Object o) {
        int h = System.identityHashCode(o) & (SHARED_BITS - 1);
        synchronized (SHARED) {
            SHARED[h >>> 6] |= 1L << h;
        }
    }

    private static boolean maybeShared(Object o) {
        if (o == null) {
            return false;
        }
        int h = System.identityHashCode(o) & (SHARED_BITS - 1);
        return (SHARED[h >>> 6] & (1L << h)) != 0;
    }

    /** The constructor of an application object returns. */
    public static void constructed(Object self) {
        Sink s = sink;
        if (s != null) {
            try {
                s.constructed(self);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    private static void field(Object owner, int site, boolean write, Object value, long bits) {
        if (windows != 0) {
            Sink s = sink;
            if (s != null) {
                try {
                    s.fieldAccess(site, owner, write);
                } catch (Throwable t) {
                    error(t);
                }
            }
        }
        // A read only matters once some request wrote a field of a shared object: until then (in a
        // well-behaved application, for good) reads skip even the identity hash.
        if ((write || sharedFieldsWritten) && maybeShared(owner)) {
            Sink s = sink;
            if (s != null) {
                try {
                    if (write) {
                        s.instanceWrite(site, owner, value, bits);
                    } else {
                        s.instanceRead(site, owner, value, bits);
                    }
                } catch (Throwable t) {
                    error(t);
                }
            }
        }
    }

    /** A reference field was read; {@code value} is what was read. */
    public static void getFieldRef(Object owner, Object value, int site) {
        field(owner, site, false, value, 0L);
    }

    /**
     * A field that can hold a map or collection was read: as {@link #getFieldRef}, and a container not
     * tracked yet, held by a shared object, is reported as reached (it is shared from now on).
     */
    public static void getContainerField(Object owner, Object value, int site) {
        field(owner, site, false, value, 0L);
        if (value != null && maybeShared(owner) && !maybeTracked(value)) {
            Sink s = sink;
            if (s != null) {
                try {
                    s.containerReached(site, owner, value);
                } catch (Throwable t) {
                    error(t);
                }
            }
        }
    }

    /** An int-sized field (int, short, byte, char, boolean, float bits) was read. */
    public static void getFieldI(Object owner, int value, int site) {
        field(owner, site, false, null, value);
    }

    /** A long or double (raw bits) field was read. */
    public static void getFieldJ(Object owner, long value, int site) {
        field(owner, site, false, null, value);
    }

    /** A reference field is about to be written with {@code value}. */
    public static void putFieldRef(Object owner, Object value, int site) {
        field(owner, site, true, value, 0L);
    }

    /** An int-sized field is about to be written. */
    public static void putFieldI(Object owner, int value, int site) {
        field(owner, site, true, null, value);
    }

    /** A long or double field is about to be written; its value is not passed (a digest of 0). */
    public static void putField(Object owner, int site) {
        field(owner, site, true, null, 0L);
    }

    // ---- thread locals and the MDC ---------------------------------------------------------------

    public static Object tlGet(ThreadLocal<Object> tl, int site) {
        Object v = tl.get();
        Sink s = sink;
        if (s != null && v != null) {
            try {
                s.threadLocalGet(site, tl, v);
            } catch (Throwable t) {
                error(t);
            }
        }
        return v;
    }

    public static void tlSet(ThreadLocal<Object> tl, Object value, int site) {
        tl.set(value);
        Sink s = sink;
        if (s != null) {
            try {
                s.threadLocalSet(site, tl, value);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    public static void tlRemove(ThreadLocal<Object> tl, int site) {
        tl.remove();
        Sink s = sink;
        if (s != null) {
            try {
                s.threadLocalSet(site, tl, null);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    /** {@code MDC.put(key, value)} (or {@code remove(key)} with a null value) is about to run. */
    public static void mdcPut(Object key, Object value, int site) {
        Sink s = sink;
        if (s != null) {
            try {
                s.mdcPut(site, key, value);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    public static void mdcRemove(Object key, int site) {
        mdcPut(key, null, site);
    }

    /** {@code MDC.clear()} is about to run. */
    public static void mdcClear(int site) {
        mdcPut(null, null, site);
    }

    /**
     * A logging framework is making a log event on this thread ({@code event} is its own object: the
     * event, or what fills it from the MDC); the framework reads the MDC into it.
     */
    public static void logEvent(Object event) {
        Sink s = sink;
        if (s != null && event != null) {
            try {
                s.logEvent(event.getClass());
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    /** {@code MDC.get(key)} returned {@code value}. */
    public static void mdcGet(Object key, Object value, int site) {
        Sink s = sink;
        if (s != null && value != null) {
            try {
                s.mdcGet(site, key, value);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    // ---- calls on objects that are not thread-safe ------------------------------------------------

    private static Object enter(Object target, int site) {
        Sink s = sink;
        if (s == null || target == null) {
            return null;
        }
        try {
            return s.mutationEnter(site, target);
        } catch (Throwable t) {
            error(t);
            return null;
        }
    }

    private static void exit(Object token) {
        if (token != null) {
            Sink s = sink;
            if (s != null) {
                try {
                    s.mutationExit(token);
                } catch (Throwable t) {
                    error(t);
                }
            }
        }
    }

    public static java.util.Date dfParse(java.text.DateFormat f, String text, int site) throws java.text.ParseException {
        Object token = enter(f, site);
        try {
            return f.parse(text);
        } finally {
            exit(token);
        }
    }

    public static String dfFormat(java.text.DateFormat f, java.util.Date date, int site) {
        Object token = enter(f, site);
        try {
            return f.format(date);
        } finally {
            exit(token);
        }
    }

    public static void calSetTime(java.util.Calendar c, java.util.Date date, int site) {
        Object token = enter(c, site);
        try {
            c.setTime(date);
        } finally {
            exit(token);
        }
    }

    public static java.util.Date calGetTime(java.util.Calendar c, int site) {
        Object token = enter(c, site);
        try {
            return c.getTime();
        } finally {
            exit(token);
        }
    }

    public static void calSet(java.util.Calendar c, int field, int value, int site) {
        Object token = enter(c, site);
        try {
            c.set(field, value);
        } finally {
            exit(token);
        }
    }

    public static void calAdd(java.util.Calendar c, int field, int amount, int site) {
        Object token = enter(c, site);
        try {
            c.add(field, amount);
        } finally {
            exit(token);
        }
    }

    public static int calGet(java.util.Calendar c, int field, int site) {
        Object token = enter(c, site);
        try {
            return c.get(field);
        } finally {
            exit(token);
        }
    }

    public static void mdUpdate(java.security.MessageDigest md, byte[] input, int site) {
        Object token = enter(md, site);
        try {
            md.update(input);
        } finally {
            exit(token);
        }
    }

    public static byte[] mdDigest(java.security.MessageDigest md, int site) {
        Object token = enter(md, site);
        try {
            return md.digest();
        } finally {
            exit(token);
        }
    }

    public static byte[] mdDigestOf(java.security.MessageDigest md, byte[] input, int site) {
        Object token = enter(md, site);
        try {
            return md.digest(input);
        } finally {
            exit(token);
        }
    }

    public static void mdReset(java.security.MessageDigest md, int site) {
        Object token = enter(md, site);
        try {
            md.reset();
        } finally {
            exit(token);
        }
    }

    public static void methodExit(int method) {
        if (windows != 0) {
            Sink s = sink;
            if (s != null) {
                try {
                    s.methodExit(method);
                } catch (Throwable t) {
                    error(t);
                }
            }
        }
    }

    public static void sessionAttribute(Object name, Object value, int site) {
        Sink s = sink;
        if (s != null) {
            try {
                s.sessionAttribute(site, name, value);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    // ---- static fields ------------------------------------------------------------------------

    public static void getStatic(int site) {
        Sink s = sink;
        if (s != null) {
            try {
                s.staticRead(site, null);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    public static void getStaticRef(Object value, int site) {
        Sink s = sink;
        if (s != null) {
            try {
                s.staticRead(site, value);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    public static void putStatic(long bits, int site) {
        Sink s = sink;
        if (s != null) {
            try {
                s.staticWrite(site, null, bits);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    public static void putStaticRef(Object value, int site) {
        Sink s = sink;
        if (s != null) {
            try {
                s.staticWrite(site, value, 0L);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    public static void classInitEnter() {
        Sink s = sink;
        if (s != null) {
            try {
                s.classInitEnter();
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    public static void classInitExit() {
        Sink s = sink;
        if (s != null) {
            try {
                s.classInitExit();
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    private static void op(int site, int op, Object container, Object key, Object value) {
        Sink s = sink;
        if (s != null) {
            try {
                s.containerOp(site, op, container, key, value);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    // ---- maps ---------------------------------------------------------------------------------

    public static Object mapGet(Map<?, ?> m, Object k, int site) {
        Object v = m.get(k);
        if (maybeTracked(m)) {
            op(site, OP_GET, m, k, v);
        }
        return v;
    }

    public static Object mapGetOrDefault(Map<Object, Object> m, Object k, Object d, int site) {
        Object v = m.getOrDefault(k, d);
        if (maybeTracked(m) && v != d) {
            op(site, OP_GET, m, k, v);
        }
        return v;
    }

    public static boolean mapContainsKey(Map<?, ?> m, Object k, int site) {
        boolean b = m.containsKey(k);
        if (maybeTracked(m)) {
            op(site, OP_CONTAINS, m, k, b);
        }
        return b;
    }

    public static Object mapPut(Map<Object, Object> m, Object k, Object v, int site) {
        Object r = m.put(k, v);
        if (maybeTracked(m)) {
            op(site, OP_PUT, m, k, v);
        }
        return r;
    }

    public static Object mapPutIfAbsent(Map<Object, Object> m, Object k, Object v, int site) {
        Object prev = m.putIfAbsent(k, v);
        if (maybeTracked(m)) {
            if (prev == null) {
                op(site, OP_PUT_IF_ABSENT, m, k, v);
            } else {
                op(site, OP_GET, m, k, prev);
            }
        }
        return prev;
    }

    public static Object mapRemove(Map<?, ?> m, Object k, int site) {
        Object r = m.remove(k);
        if (maybeTracked(m)) {
            op(site, OP_REMOVE, m, k, null);
        }
        return r;
    }

    public static void mapClear(Map<?, ?> m, int site) {
        m.clear();
        if (maybeTracked(m)) {
            op(site, OP_CLEAR, m, null, null);
        }
    }

    public static void mapPutAll(Map<Object, Object> m, Map<Object, Object> src, int site) {
        m.putAll(src);
        if (maybeTracked(m)) {
            op(site, OP_PUT_ALL, m, null, src);
        }
    }

    public static Object mapComputeIfAbsent(Map<Object, Object> m, Object k, Function<Object, Object> f, int site) {
        if (!maybeTracked(m)) {
            return m.computeIfAbsent(k, f);
        }
        // Whether it computed: the size grew. Racy under concurrent writers, but it allocates nothing
        // and does not touch the map the way an extra get would (access-ordered maps).
        int before = m.size();
        Object v = m.computeIfAbsent(k, f);
        if (v != null) {
            op(site, m.size() > before ? OP_PUT_IF_ABSENT : OP_GET, m, k, v);
        }
        return v;
    }

    public static Object mapCompute(Map<Object, Object> m, Object k, BiFunction<Object, Object, Object> f, int site) {
        Object v = m.compute(k, f);
        if (maybeTracked(m)) {
            op(site, OP_MERGE, m, k, v);
        }
        return v;
    }

    public static Object mapComputeIfPresent(Map<Object, Object> m, Object k, BiFunction<Object, Object, Object> f,
            int site) {
        Object v = m.computeIfPresent(k, f);
        if (maybeTracked(m)) {
            op(site, OP_MERGE, m, k, v);
        }
        return v;
    }

    public static Object mapMerge(Map<Object, Object> m, Object k, Object v, BiFunction<Object, Object, Object> f,
            int site) {
        Object r = m.merge(k, v, f);
        if (maybeTracked(m)) {
            op(site, OP_MERGE, m, k, r);
        }
        return r;
    }

    public static java.util.Set<?> mapEntrySet(Map<?, ?> m, int site) {
        if (maybeTracked(m)) {
            op(site, OP_READ_ALL, m, null, null);
        }
        return m.entrySet();
    }

    public static java.util.Set<?> mapKeySet(Map<?, ?> m, int site) {
        if (maybeTracked(m)) {
            op(site, OP_READ_ALL, m, null, null);
        }
        return m.keySet();
    }

    public static Collection<?> mapValues(Map<?, ?> m, int site) {
        if (maybeTracked(m)) {
            op(site, OP_READ_ALL, m, null, null);
        }
        return m.values();
    }

    public static void mapForEach(Map<Object, Object> m, BiConsumer<Object, Object> action, int site) {
        if (maybeTracked(m)) {
            op(site, OP_READ_ALL, m, null, null);
        }
        m.forEach(action);
    }

    // ---- collections --------------------------------------------------------------------------

    public static boolean collAdd(Collection<Object> c, Object e, int site) {
        boolean r = c.add(e);
        if (maybeTracked(c)) {
            op(site, OP_ADD, c, null, e);
        }
        return r;
    }

    public static boolean collAddAll(Collection<Object> c, Collection<Object> src, int site) {
        boolean r = c.addAll(src);
        if (maybeTracked(c)) {
            op(site, OP_ADD, c, null, src);
        }
        return r;
    }

    public static boolean collRemove(Collection<?> c, Object e, int site) {
        boolean r = c.remove(e);
        if (maybeTracked(c)) {
            op(site, OP_REMOVE, c, null, null);
        }
        return r;
    }

    public static void collClear(Collection<?> c, int site) {
        c.clear();
        if (maybeTracked(c)) {
            op(site, OP_CLEAR, c, null, null);
        }
    }

    public static boolean collContains(Collection<?> c, Object e, int site) {
        boolean b = c.contains(e);
        if (maybeTracked(c)) {
            op(site, OP_CONTAINS, c, null, b);
        }
        return b;
    }

    public static Iterator<?> collIterator(Collection<?> c, int site) {
        if (maybeTracked(c)) {
            op(site, OP_READ_ALL, c, null, null);
        }
        return c.iterator();
    }

    public static java.util.stream.Stream<?> collStream(Collection<?> c, int site) {
        if (maybeTracked(c)) {
            op(site, OP_READ_ALL, c, null, null);
        }
        return c.stream();
    }

    public static void collForEach(Collection<Object> c, java.util.function.Consumer<Object> action, int site) {
        if (maybeTracked(c)) {
            op(site, OP_READ_ALL, c, null, null);
        }
        c.forEach(action);
    }

    public static Object listGet(List<?> l, int index, int site) {
        Object v = l.get(index);
        if (maybeTracked(l)) {
            op(site, OP_INDEX_GET, l, index, v);
        }
        return v;
    }

    public static Object listSet(List<Object> l, int index, Object e, int site) {
        Object r = l.set(index, e);
        if (maybeTracked(l)) {
            op(site, OP_INDEX_SET, l, index, e);
        }
        return r;
    }

    public static void listAddAt(List<Object> l, int index, Object e, int site) {
        l.add(index, e);
        if (maybeTracked(l)) {
            op(site, OP_ADD, l, null, e);
        }
    }

    public static Object listRemoveAt(List<?> l, int index, int site) {
        Object r = l.remove(index);
        if (maybeTracked(l)) {
            op(site, OP_REMOVE, l, null, null);
        }
        return r;
    }

    // ---- requests and tasks -------------------------------------------------------------------

    /** Called on entry to a request boundary (servlet, filter, handler, named entry method). */
    public static Object requestEnter(Object request, int kind, int entry) {
        Sink s = sink;
        if (s != null) {
            try {
                return s.requestEnter(request, kind, entry);
            } catch (Throwable t) {
                error(t);
            }
        }
        return null;
    }

    public static void requestExit(Object token) {
        Sink s = sink;
        if (s != null && token != null) {
            try {
                s.requestExit(token);
            } catch (Throwable t) {
                error(t);
            }
        }
    }

    /** Carries the current request into a task handed to an executor; other tasks pass unchanged. */
    public static Runnable wrap(Runnable task) {
        Sink s = sink;
        if (s == null || task == null || task instanceof ContextTask) {
            return task;
        }
        try {
            Object ctx = s.captureContext();
            return ctx == null ? task : new ContextTask.OfRunnable(task, ctx);
        } catch (Throwable t) {
            error(t);
            return task;
        }
    }

    /** As {@link #wrap(Runnable)}, for {@link Callable} tasks. */
    public static <V> Callable<V> wrap(Callable<V> task) {
        Sink s = sink;
        if (s == null || task == null || task instanceof ContextTask) {
            return task;
        }
        try {
            Object ctx = s.captureContext();
            return ctx == null ? task : new ContextTask.OfCallable<>(task, ctx);
        } catch (Throwable t) {
            error(t);
            return task;
        }
    }

    static Object attach(Object ctx) {
        Sink s = sink;
        if (s != null) {
            try {
                return s.attachContext(ctx);
            } catch (Throwable t) {
                error(t);
            }
        }
        return null;
    }

    static void detach(Object previous) {
        Sink s = sink;
        if (s != null) {
            try {
                s.detachContext(previous);
            } catch (Throwable t) {
                error(t);
            }
        }
    }
}
