package dev.crosstalk.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.StringConcatFactory;

/**
 * The entry points instrumented application code calls where a request's input enters it (sources)
 * and where text is computed from other text (propagation: concatenation, builders, formatting,
 * string methods). Same rules as {@link Hooks}: the application's own operation runs exactly once,
 * its result and exceptions reach it unchanged, and the agent's work is guarded and counted.
 */
public final class MarkHooks {
    /** Source kind: a request parameter. */
    public static final int SRC_PARAMETER = 1;
    /** Source kind: a request header. */
    public static final int SRC_HEADER = 2;
    /** Source kind: a cookie's value. */
    public static final int SRC_COOKIE = 3;
    /** Source kind: a servlet request's path (its URI, URL, path info or servlet path). */
    public static final int SRC_PATH = 4;
    /** Source kind: the remote user's name. */
    public static final int SRC_REMOTE_USER = 5;
    /** Source kind: the authenticated user's principal. */
    public static final int SRC_PRINCIPAL = 6;
    /** Source kind: a session attribute. */
    public static final int SRC_SESSION_ATTRIBUTE = 7;
    /** Source kind: the request URI of the JDK HTTP server's exchange. */
    public static final int SRC_URI = 8;
    /** Source kind: the request's query string. */
    public static final int SRC_QUERY = 9;
    /** Source kind: a method argument that carries a request's input. */
    public static final int SRC_ARGUMENT = 10;

    private static volatile MarkSink sink;

    private static final MethodHandle CONCAT_DONE;
    private static final MethodHandle TRACKING;

    static {
        MethodHandle h = null;
        MethodHandle t = null;
        try {
            h = MethodHandles.lookup().findStatic(MarkHooks.class, "concatDone",
                    MethodType.methodType(String.class, String.class, Object[].class));
            t = MethodHandles.lookup().findStatic(MarkHooks.class, "tracking", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            Hooks.error(e);
        }
        CONCAT_DONE = h;
        TRACKING = t;
    }

    private MarkHooks() {
    }

    /** Installs the runtime; null uninstalls it (see {@link Hooks#installMarks}). */
    static void install(MarkSink s) {
        sink = s;
    }

    // ---- sources ------------------------------------------------------------------------------

    /** {@code value} was returned by a source call that takes the input's name ({@code getHeader(name)}). */
    public static void namedSource(Object name, Object value, int kind) {
        MarkSink s = sink;
        if (s != null && value != null) {
            try {
                s.source(value, kind, name);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** {@code value} was returned by a source call without a name ({@code getRemoteUser()}). */
    public static void source(Object value, int kind) {
        namedSource(null, value, kind);
    }

    /** {@code cookie.getValue()} returned {@code value}: a source named by the cookie's own name. */
    public static void cookieValue(Object cookie, Object value) {
        MarkSink s = sink;
        if (s != null && value != null && cookie != null) {
            try {
                s.source(value, SRC_COOKIE, cookie.getClass().getMethod("getName").invoke(cookie));
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /**
     * An {@code entry=} method began a request: its arguments are that request's inputs (kind
     * {@link #SRC_ARGUMENT}). Called by the entry advice right after the request is entered.
     */
    public static void entryArguments(Class<?> owner, String method, String descriptor, Object[] args) {
        MarkSink s = sink;
        if (s != null && args != null && args.length > 0) {
            try {
                s.arguments(owner, method, descriptor, args);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    // ---- propagation --------------------------------------------------------------------------

    /** {@code result} was computed from {@code from} alone (a receiver or a single argument). */
    public static void derive(Object from, Object result) {
        MarkSink s = sink;
        if (s != null && from != null && result != null && from != result) {
            try {
                s.derive(from, result);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** {@code result} was computed from the elements of {@code from} ({@code String.format} arguments). */
    public static void deriveAll(Object[] from, Object result) {
        MarkSink s = sink;
        if (s != null && from != null && result != null) {
            try {
                s.deriveAll(from, result);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** Replaces {@code String.substring(int)}; the result carries the string's mark. */
    public static String substring(String s, int begin) {
        String r = s.substring(begin);
        derive(s, r);
        return r;
    }

    /** Replaces {@code String.substring(int, int)}; the result carries the string's mark. */
    public static String substring(String s, int begin, int end) {
        String r = s.substring(begin, end);
        derive(s, r);
        return r;
    }

    /** Replaces {@code String.concat}; the result carries both strings' marks. */
    public static String concat(String s, String other) {
        String r = s.concat(other);
        deriveAll(new Object[] {s, other}, r);
        return r;
    }

    /** Replaces {@code String.replace(CharSequence, CharSequence)}; the result carries the marks of all three. */
    public static String replace(String s, CharSequence target, CharSequence replacement) {
        String r = s.replace(target, replacement);
        deriveAll(new Object[] {s, replacement}, r);
        return r;
    }

    /** Replaces {@code String.toLowerCase(Locale)}; the result carries the string's mark. */
    public static String toLowerCase(String s, java.util.Locale locale) {
        String r = s.toLowerCase(locale);
        derive(s, r);
        return r;
    }

    /** Replaces {@code String.toUpperCase(Locale)}; the result carries the string's mark. */
    public static String toUpperCase(String s, java.util.Locale locale) {
        String r = s.toUpperCase(locale);
        derive(s, r);
        return r;
    }

    /** Replaces {@code String.split(String)}; each part carries the string's mark. */
    public static String[] split(String s, String regex) {
        String[] r = s.split(regex);
        if (sink != null) {
            for (String part : r) {
                derive(s, part);
            }
        }
        return r;
    }

    /** Replaces {@code URLDecoder.decode(String, Charset)}; the result carries the string's mark. */
    public static String urlDecode(String s, java.nio.charset.Charset charset) {
        String r = java.net.URLDecoder.decode(s, charset);
        derive(s, r);
        return r;
    }

    /** Replaces {@code URLDecoder.decode(String, String)}; the result carries the string's mark. */
    public static String urlDecode(String s, String charset) throws java.io.UnsupportedEncodingException {
        String r = java.net.URLDecoder.decode(s, charset);
        derive(s, r);
        return r;
    }

    /** Replaces {@code StringBuilder.append(String)}; the builder carries the string's mark. */
    public static StringBuilder appendString(StringBuilder sb, String s) {
        StringBuilder r = sb.append(s);
        derive(s, sb);
        return r;
    }

    /** Replaces {@code StringBuilder.append(Object)}; the builder carries the object's mark. */
    public static StringBuilder appendObject(StringBuilder sb, Object o) {
        StringBuilder r = sb.append(o);
        derive(o, sb);
        return r;
    }

    /** Replaces {@code StringBuilder.append(CharSequence)}; the builder carries the text's mark. */
    public static StringBuilder appendChars(StringBuilder sb, CharSequence cs) {
        StringBuilder r = sb.append(cs);
        derive(cs, sb);
        return r;
    }

    // ---- string concatenation (invokedynamic) -------------------------------------------------

    /**
     * Bootstrap method that replaces {@link StringConcatFactory#makeConcatWithConstants} at
     * application call sites: the JDK's own concatenation, followed by {@link #concatDone} with the
     * reference arguments. Falls back to the JDK's call site alone if anything goes wrong.
     */
    public static CallSite concat(MethodHandles.Lookup lookup, String name, MethodType type, String recipe,
            Object... constants) throws Throwable {
        CallSite plain = StringConcatFactory.makeConcatWithConstants(lookup, name, type, recipe, constants);
        try {
            if (CONCAT_DONE == null || TRACKING == null) {
                return plain;
            }
            int refs = 0;
            for (Class<?> p : type.parameterList()) {
                refs += p.isPrimitive() ? 0 : 1;
            }
            if (refs == 0) {
                return plain;
            }
            Class<?>[] refTypes = new Class<?>[refs + 1];
            refTypes[0] = String.class;
            int r = 1;
            for (Class<?> p : type.parameterList()) {
                if (!p.isPrimitive()) {
                    refTypes[r++] = p;
                }
            }
            MethodHandle done = CONCAT_DONE.asCollector(Object[].class, refs)
                    .asType(MethodType.methodType(String.class, refTypes));
            for (int i = 0; i < type.parameterCount(); i++) {
                Class<?> p = type.parameterType(i);
                if (p.isPrimitive()) {
                    done = MethodHandles.dropArguments(done, 1 + i, p);
                }
            }
            // Outside a request that met a source, the operands are not collected into an array at all:
            // the concatenation costs the JDK's own plus one test.
            MethodHandle skip = MethodHandles.dropArguments(MethodHandles.identity(String.class), 1,
                    type.parameterList());
            MethodHandle after = MethodHandles.guardWithTest(TRACKING, done, skip);
            return new ConstantCallSite(MethodHandles.foldArguments(after, plain.getTarget()));
        } catch (Throwable t) {
            Hooks.error(t);
            return plain;
        }
    }

    /** Whether the current thread's request has met a source (see {@link MarkSink#tracking}). */
    static boolean tracking() {
        MarkSink s = sink;
        if (s == null) {
            return false;
        }
        try {
            return s.tracking();
        } catch (Throwable t) {
            Hooks.error(t);
            return false;
        }
    }

    /** After a concatenation: {@code result} was computed from {@code parts}. */
    static String concatDone(String result, Object[] parts) {
        deriveAll(parts, result);
        return result;
    }
}
