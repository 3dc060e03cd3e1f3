package dev.crosstalk.bootstrap;

/**
 * Hooks on calls that touch per-thread or not-thread-safe JDK objects: {@code ThreadLocal}, SLF4J
 * {@code MDC}, {@code HttpSession} attributes, and the calls of {@code DateFormat}, {@code Calendar}
 * and {@code MessageDigest} that break when two threads use one instance. Replacement hooks perform
 * the call themselves.
 */
public final class CallHooks {
    private CallHooks() {
    }

    // The events of deliver(): one constant per kind of call, so that each hook's inlined copy keeps one branch.
    private static final int TL_GET = 0;
    private static final int TL_SET = 1;
    private static final int MDC_PUT = 2;
    private static final int MDC_GET = 3;
    private static final int LOG_EVENT = 4;
    private static final int SESSION_ATTRIBUTE = 5;
    private static final int ENTER_WRITE = 6;
    private static final int ENTER_READ = 7;
    private static final int EXIT = 8;

    /**
     * The one guard of every hook here: whatever the runtime throws is counted ({@link Hooks#error})
     * instead of reaching the application, whose own call has run or will run unchanged. Returns what
     * the runtime returned (a mutation token), or null.
     */
    private static Object deliver(int event, int site, Object a, Object b) {
        try {
            switch (event) {
                case TL_GET:
                    Hooks.sink.threadLocalGet(site, (ThreadLocal<?>) a, b);
                    return null;
                case TL_SET:
                    Hooks.sink.threadLocalSet(site, (ThreadLocal<?>) a, b);
                    return null;
                case MDC_PUT:
                    Hooks.sink.mdcPut(site, a, b);
                    return null;
                case MDC_GET:
                    Hooks.sink.mdcGet(site, a, b);
                    return null;
                case LOG_EVENT:
                    Hooks.sink.logEvent((Class<?>) a);
                    return null;
                case SESSION_ATTRIBUTE:
                    Hooks.sink.sessionAttribute(site, a, b);
                    return null;
                case ENTER_WRITE:
                    return Hooks.sink.mutationEnter(site, a, MutationHooks.WRITE);
                case ENTER_READ:
                    return Hooks.sink.mutationEnter(site, a, MutationHooks.READ);
                case EXIT:
                    Hooks.sink.mutationExit(a);
                    return null;
                default:
                    throw new IllegalArgumentException("call event " + event);
            }
        } catch (Throwable t) {
            Hooks.error(t);
            return null;
        }
    }

    /** Replaces {@code ThreadLocal.get()}. */
    public static Object tlGet(ThreadLocal<Object> tl, int site) {
        Object v = tl.get();
        if (v != null) {
            deliver(TL_GET, site, tl, v);
        }
        return v;
    }

    /** Replaces {@code ThreadLocal.set(value)}. */
    public static void tlSet(ThreadLocal<Object> tl, Object value, int site) {
        tl.set(value);
        deliver(TL_SET, site, tl, value);
    }

    /** Replaces {@code ThreadLocal.remove()}. */
    public static void tlRemove(ThreadLocal<Object> tl, int site) {
        tl.remove();
        deliver(TL_SET, site, tl, null);
    }

    /** {@code MDC.put(key, value)} (or {@code remove(key)} with a null value) is about to run. */
    public static void mdcPut(Object key, Object value, int site) {
        deliver(MDC_PUT, site, key, value);
    }

    /** {@code MDC.remove(key)} is about to run. */
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
        if (event != null) {
            deliver(LOG_EVENT, 0, event.getClass(), null);
        }
    }

    /** {@code MDC.get(key)} returned {@code value}. */
    public static void mdcGet(Object key, Object value, int site) {
        if (value != null) {
            deliver(MDC_GET, site, key, value);
        }
    }

    /** {@code HttpSession.setAttribute(name, value)} is about to run. */
    public static void sessionAttribute(Object name, Object value, int site) {
        deliver(SESSION_ATTRIBUTE, site, name, value);
    }

    /** A call that changes the object's state ({@code Calendar.set}, {@code MessageDigest.update}). */
    private static Object enter(Object target, int site) {
        return target == null ? null : deliver(ENTER_WRITE, site, target, null);
    }

    /** A call that only reads the object's state once it is complete ({@code Calendar.get}). */
    private static Object enterRead(Object target, int site) {
        return target == null ? null : deliver(ENTER_READ, site, target, null);
    }

    private static void exit(Object token) {
        if (token != null) {
            deliver(EXIT, 0, token, null);
        }
    }

    /** Replaces {@code DateFormat.parse(String)}. */
    public static java.util.Date dfParse(java.text.DateFormat f, String text, int site) throws java.text.ParseException {
        Object token = enter(f, site);
        try {
            return f.parse(text);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code DateFormat.format(Date)}. */
    public static String dfFormat(java.text.DateFormat f, java.util.Date date, int site) {
        Object token = enter(f, site);
        try {
            return f.format(date);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code Calendar.setTime(Date)}. */
    public static void calSetTime(java.util.Calendar c, java.util.Date date, int site) {
        Object token = enter(c, site);
        try {
            c.setTime(date);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code Calendar.getTime()}. */
    public static java.util.Date calGetTime(java.util.Calendar c, int site) {
        Object token = enterRead(c, site);
        try {
            return c.getTime();
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code Calendar.set(int, int)}. */
    public static void calSet(java.util.Calendar c, int field, int value, int site) {
        Object token = enter(c, site);
        try {
            c.set(field, value);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code Calendar.add(int, int)}. */
    public static void calAdd(java.util.Calendar c, int field, int amount, int site) {
        Object token = enter(c, site);
        try {
            c.add(field, amount);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code Calendar.get(int)}. */
    public static int calGet(java.util.Calendar c, int field, int site) {
        Object token = enterRead(c, site);
        try {
            return c.get(field);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code MessageDigest.update(byte[])}. */
    public static void mdUpdate(java.security.MessageDigest md, byte[] input, int site) {
        Object token = enter(md, site);
        try {
            md.update(input);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code MessageDigest.digest()}. */
    public static byte[] mdDigest(java.security.MessageDigest md, int site) {
        Object token = enter(md, site);
        try {
            return md.digest();
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code MessageDigest.digest(byte[])}. */
    public static byte[] mdDigestOf(java.security.MessageDigest md, byte[] input, int site) {
        Object token = enter(md, site);
        try {
            return md.digest(input);
        } finally {
            exit(token);
        }
    }

    /** Replaces {@code MessageDigest.reset()}. */
    public static void mdReset(java.security.MessageDigest md, int site) {
        Object token = enter(md, site);
        try {
            md.reset();
        } finally {
            exit(token);
        }
    }
}
