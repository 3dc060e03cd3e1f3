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

    /** Replaces {@code ThreadLocal.get()}. */
    public static Object tlGet(ThreadLocal<Object> tl, int site) {
        Object v = tl.get();
        if (v != null) {
            try {
                Hooks.sink.threadLocalGet(site, tl, v);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
        return v;
    }

    /** Replaces {@code ThreadLocal.set(value)}. */
    public static void tlSet(ThreadLocal<Object> tl, Object value, int site) {
        tl.set(value);
        threadLocalSet(tl, value, site);
    }

    /** Replaces {@code ThreadLocal.remove()}. */
    public static void tlRemove(ThreadLocal<Object> tl, int site) {
        tl.remove();
        threadLocalSet(tl, null, site);
    }

    private static void threadLocalSet(ThreadLocal<Object> tl, Object value, int site) {
        try {
            Hooks.sink.threadLocalSet(site, tl, value);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** {@code MDC.put(key, value)} (or {@code remove(key)} with a null value) is about to run. */
    public static void mdcPut(Object key, Object value, int site) {
        try {
            Hooks.sink.mdcPut(site, key, value);
        } catch (Throwable t) {
            Hooks.error(t);
        }
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
            try {
                Hooks.sink.logEvent(event.getClass());
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** {@code MDC.get(key)} returned {@code value}. */
    public static void mdcGet(Object key, Object value, int site) {
        if (value != null) {
            try {
                Hooks.sink.mdcGet(site, key, value);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** {@code HttpSession.setAttribute(name, value)} is about to run. */
    public static void sessionAttribute(Object name, Object value, int site) {
        try {
            Hooks.sink.sessionAttribute(site, name, value);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    private static Object enter(Object target, int site) {
        return enter(target, site, MutationHooks.WRITE);
    }

    /** A call that only reads the object's state once it is complete ({@code Calendar.get}). */
    private static Object enterRead(Object target, int site) {
        return enter(target, site, MutationHooks.READ);
    }

    private static Object enter(Object target, int site, int kind) {
        if (target == null) {
            return null;
        }
        try {
            return Hooks.sink.mutationEnter(site, target, kind);
        } catch (Throwable t) {
            Hooks.error(t);
            return null;
        }
    }

    private static void exit(Object token) {
        if (token != null) {
            try {
                Hooks.sink.mutationExit(token);
            } catch (Throwable t) {
                Hooks.error(t);
            }
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
