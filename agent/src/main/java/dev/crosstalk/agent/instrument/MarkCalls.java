package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.HookTable;
import dev.crosstalk.bootstrap.MarkHooks;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Call sites where a request's user-specific input enters application code (sources: servlet
 * parameters, headers, cookies, path, remote user, principal, session attributes; the JDK HTTP
 * server's URI, headers and principal) and where text is computed from text (propagation), and how
 * each is rewritten to tell {@link MarkHooks}. The call itself always runs as written, once.
 */
final class MarkCalls {
    private static final String STRING = "java/lang/String";

    /** How a call is rewritten. */
    private enum Shape {
        /** {@code r = recv.m(name)}: [recv, name] -> [name, recv, name] -> [name, r] -> namedSource(name, r, kind). */
        NAMED_SOURCE,
        /** {@code r = recv.m()}: the result is a source without a name. */
        SOURCE,
        /** {@code cookie.getValue()}: a source named by the cookie. */
        COOKIE,
        /** {@code r = x.m()} or {@code r = C.m(x)}: r derives from x. */
        DERIVE_ONE,
        /** {@code r = String.format(.., args)}, {@code r = s.formatted(args)}: r derives from the array on top. */
        DERIVE_ARRAY,
        /** Replaced by its {@link HookTable} row: the same call, with the receiver (if any) first. */
        REPLACE
    }

    private static final class Rewrite {
        final Shape shape;
        final int kind;
        final HookTable hook;

        Rewrite(Shape shape, int kind, HookTable hook) {
            this.shape = shape;
            this.kind = kind;
            this.hook = hook;
        }
    }

    private static final Map<String, Rewrite> REWRITES = new HashMap<>();
    /** The owners in {@link #REWRITES}: most calls are ruled out without building a key. */
    private static final java.util.Set<String> OWNERS = new java.util.HashSet<>();

    static {
        for (String api : new String[] {"javax/servlet/", "jakarta/servlet/"}) {
            for (String req : new String[] {api + "ServletRequest", api + "http/HttpServletRequest",
                api + "ServletRequestWrapper", api + "http/HttpServletRequestWrapper"}) {
                named(req, "getParameter", "(Ljava/lang/String;)Ljava/lang/String;", MarkHooks.SRC_PARAMETER);
                named(req, "getParameterValues", "(Ljava/lang/String;)[Ljava/lang/String;", MarkHooks.SRC_PARAMETER);
                named(req, "getHeader", "(Ljava/lang/String;)Ljava/lang/String;", MarkHooks.SRC_HEADER);
                source(req, "getRequestURI", "()Ljava/lang/String;", MarkHooks.SRC_PATH);
                source(req, "getRequestURL", "()Ljava/lang/StringBuffer;", MarkHooks.SRC_PATH);
                source(req, "getPathInfo", "()Ljava/lang/String;", MarkHooks.SRC_PATH);
                source(req, "getServletPath", "()Ljava/lang/String;", MarkHooks.SRC_PATH);
                source(req, "getQueryString", "()Ljava/lang/String;", MarkHooks.SRC_QUERY);
                source(req, "getRemoteUser", "()Ljava/lang/String;", MarkHooks.SRC_REMOTE_USER);
                source(req, "getUserPrincipal", "()Ljava/security/Principal;", MarkHooks.SRC_PRINCIPAL);
            }
            named(api + "http/HttpSession", "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;",
                    MarkHooks.SRC_SESSION_ATTRIBUTE);
            put(api + "http/Cookie", "getValue", "()Ljava/lang/String;", Shape.COOKIE, 0, null);
        }
        String exchange = "com/sun/net/httpserver/HttpExchange";
        for (String ex : new String[] {exchange, "com/sun/net/httpserver/HttpsExchange"}) {
            source(ex, "getRequestURI", "()Ljava/net/URI;", MarkHooks.SRC_URI);
            source(ex, "getPrincipal", "()Lcom/sun/net/httpserver/HttpPrincipal;", MarkHooks.SRC_PRINCIPAL);
        }
        named("com/sun/net/httpserver/Headers", "getFirst", "(Ljava/lang/String;)Ljava/lang/String;",
                MarkHooks.SRC_HEADER);

        for (String m : new String[] {"trim", "strip", "toLowerCase", "toUpperCase", "intern", "toString"}) {
            derive(STRING, m, "()Ljava/lang/String;");
        }
        for (String sb : new String[] {"java/lang/StringBuilder", "java/lang/StringBuffer"}) {
            derive(sb, "toString", "()Ljava/lang/String;");
        }
        for (String m : new String[] {"getQuery", "getRawQuery", "getPath", "getRawPath", "toString"}) {
            derive("java/net/URI", m, "()Ljava/lang/String;");
        }
        derive("java/security/Principal", "getName", "()Ljava/lang/String;");
        derive("com/sun/net/httpserver/HttpPrincipal", "getName", "()Ljava/lang/String;");
        derive("com/sun/net/httpserver/HttpPrincipal", "getUsername", "()Ljava/lang/String;");
        derive(STRING, "valueOf", "(Ljava/lang/Object;)Ljava/lang/String;");
        derive("java/util/Objects", "toString", "(Ljava/lang/Object;)Ljava/lang/String;");
        put(STRING, "format", "(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;", Shape.DERIVE_ARRAY, 0, null);
        put(STRING, "format", "(Ljava/util/Locale;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;",
                Shape.DERIVE_ARRAY, 0, null);
        put(STRING, "formatted", "([Ljava/lang/Object;)Ljava/lang/String;", Shape.DERIVE_ARRAY, 0, null);

        replace(STRING, "substring", "(I)Ljava/lang/String;", HookTable.MARK_SUBSTRING);
        replace(STRING, "substring", "(II)Ljava/lang/String;", HookTable.MARK_SUBSTRING_TO);
        replace(STRING, "concat", "(Ljava/lang/String;)Ljava/lang/String;", HookTable.MARK_CONCAT);
        replace(STRING, "replace", "(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Ljava/lang/String;",
                HookTable.MARK_REPLACE);
        replace(STRING, "toLowerCase", "(Ljava/util/Locale;)Ljava/lang/String;", HookTable.MARK_TO_LOWER_CASE);
        replace(STRING, "toUpperCase", "(Ljava/util/Locale;)Ljava/lang/String;", HookTable.MARK_TO_UPPER_CASE);
        replace(STRING, "split", "(Ljava/lang/String;)[Ljava/lang/String;", HookTable.MARK_SPLIT);
        replace("java/net/URLDecoder", "decode", "(Ljava/lang/String;Ljava/nio/charset/Charset;)Ljava/lang/String;",
                HookTable.MARK_URL_DECODE);
        replace("java/net/URLDecoder", "decode", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                HookTable.MARK_URL_DECODE_NAMED);
        String sb = "java/lang/StringBuilder";
        replace(sb, "append", "(Ljava/lang/String;)Ljava/lang/StringBuilder;", HookTable.MARK_APPEND_STRING);
        replace(sb, "append", "(Ljava/lang/Object;)Ljava/lang/StringBuilder;", HookTable.MARK_APPEND_OBJECT);
        replace(sb, "append", "(Ljava/lang/CharSequence;)Ljava/lang/StringBuilder;", HookTable.MARK_APPEND_CHARS);
    }

    private MarkCalls() {
    }

    private static void named(String owner, String name, String desc, int kind) {
        put(owner, name, desc, Shape.NAMED_SOURCE, kind, null);
    }

    private static void source(String owner, String name, String desc, int kind) {
        put(owner, name, desc, Shape.SOURCE, kind, null);
    }

    private static void derive(String owner, String name, String desc) {
        put(owner, name, desc, Shape.DERIVE_ONE, 0, null);
    }

    private static void replace(String owner, String name, String desc, HookTable hook) {
        put(owner, name, desc, Shape.REPLACE, 0, hook);
    }

    private static void put(String owner, String name, String desc, Shape shape, int kind, HookTable hook) {
        REWRITES.put(owner + '.' + name + desc, new Rewrite(shape, kind, hook));
        OWNERS.add(owner);
    }

    /**
     * Emits the call {@code owner.name desc} into {@code out} with its marking around it, or returns
     * false when the call is neither a source nor a propagation (the caller emits it unchanged).
     */
    static boolean emit(MethodVisitor out, int opcode, String owner, String name, String desc, boolean itf) {
        if (opcode == Opcodes.INVOKESPECIAL || !OWNERS.contains(owner)) {
            return false;
        }
        Rewrite r = REWRITES.get(owner + '.' + name + desc);
        if (r == null) {
            return false;
        }
        switch (r.shape) {
            case NAMED_SOURCE:
                out.visitInsn(Opcodes.DUP_X1);
                out.visitMethodInsn(opcode, owner, name, desc, itf);
                out.visitInsn(Opcodes.DUP_X1);
                push(out, r.kind);
                call(out, HookTable.MARK_NAMED_SOURCE);
                return true;
            case SOURCE:
                out.visitMethodInsn(opcode, owner, name, desc, itf);
                out.visitInsn(Opcodes.DUP);
                push(out, r.kind);
                call(out, HookTable.MARK_SOURCE);
                return true;
            case COOKIE:
            case DERIVE_ONE:
                // [x] -> [x, x] -> [x, r] -> [r, x, r] -> hook(x, r) -> [r]
                out.visitInsn(Opcodes.DUP);
                out.visitMethodInsn(opcode, owner, name, desc, itf);
                out.visitInsn(Opcodes.DUP_X1);
                call(out, r.shape == Shape.COOKIE ? HookTable.MARK_COOKIE_VALUE : HookTable.MARK_DERIVE);
                return true;
            case DERIVE_ARRAY:
                // [.., a] -> [a, .., a] -> [a, r] -> [r, a, r] -> deriveAll(a, r) -> [r]
                int below = org.objectweb.asm.Type.getArgumentTypes(desc).length - 1
                        + (opcode == Opcodes.INVOKESTATIC ? 0 : 1);
                out.visitInsn(below == 0 ? Opcodes.DUP : below == 1 ? Opcodes.DUP_X1 : Opcodes.DUP_X2);
                out.visitMethodInsn(opcode, owner, name, desc, itf);
                out.visitInsn(Opcodes.DUP_X1);
                call(out, HookTable.MARK_DERIVE_ALL);
                return true;
            default: // REPLACE
                call(out, r.hook);
                return true;
        }
    }

    private static final Handle JDK_CONCAT = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/StringConcatFactory",
            "makeConcatWithConstants", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                    + "Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;",
            false);

    /** The bootstrap method to use instead of {@code bsm}: ours for string concatenation, else {@code bsm}. */
    static Handle concatBootstrap(Handle bsm) {
        if (!JDK_CONCAT.equals(bsm)) {
            return bsm;
        }
        HookTable row = HookTable.MARK_CONCAT_BOOTSTRAP;
        return new Handle(Opcodes.H_INVOKESTATIC, row.owner, row.name, row.descriptor, false);
    }

    private static void call(MethodVisitor out, HookTable row) {
        out.visitMethodInsn(Opcodes.INVOKESTATIC, row.owner, row.name, row.descriptor, false);
    }

    private static void push(MethodVisitor out, int value) {
        out.visitIntInsn(Opcodes.BIPUSH, value);
    }
}
