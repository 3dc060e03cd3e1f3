package dev.crosstalk.agent.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls in application code that touch per-thread or not-thread-safe state outside static fields:
 * {@code ThreadLocal} get/set/remove, SLF4J {@code MDC}, and the mutating calls of JDK types that break
 * when two threads use one instance ({@code SimpleDateFormat}, {@code Calendar}, {@code MessageDigest}).
 * Each maps to its hook and to the field types whose most recent load in the method names the state.
 */
final class SharedCalls {
    /** Written so that shade does not relocate it (see {@link ClassFilter#unshaded}). */
    static final String MDC = ClassFilter.unshaded("org slf4j") + "MDC";
    /** Log4j 2's MDC, with the same put/remove/get and two kinds of clear. */
    static final String THREAD_CONTEXT = "org/apache/logging/log4j/ThreadContext";

    /** True for the static MDC APIs whose put/remove/clear/get calls are reported. */
    static boolean isMdc(String owner) {
        return owner.equals(MDC) || owner.equals(THREAD_CONTEXT);
    }

    /** A replacement hook, and the field descriptors that can hold its receiver. */
    static final class Hook {
        final String name;
        final String descriptor;
        final List<String> receiverTypes;

        Hook(String name, String descriptor, List<String> receiverTypes) {
            this.name = name;
            this.descriptor = descriptor;
            this.receiverTypes = receiverTypes;
        }
    }

    private static final List<String> THREAD_LOCALS = List.of("Ljava/lang/ThreadLocal;",
            "Ljava/lang/InheritableThreadLocal;");
    private static final List<String> DATE_FORMATS = List.of("Ljava/text/DateFormat;", "Ljava/text/SimpleDateFormat;");
    private static final List<String> CALENDARS = List.of("Ljava/util/Calendar;", "Ljava/util/GregorianCalendar;");
    private static final List<String> DIGESTS = List.of("Ljava/security/MessageDigest;");

    private static final Map<String, Hook> REPLACED = new HashMap<>();

    static {
        for (String tl : List.of("java/lang/ThreadLocal", "java/lang/InheritableThreadLocal")) {
            replace(tl, "get", "()Ljava/lang/Object;", "tlGet", THREAD_LOCALS);
            replace(tl, "set", "(Ljava/lang/Object;)V", "tlSet", THREAD_LOCALS);
            replace(tl, "remove", "()V", "tlRemove", THREAD_LOCALS);
        }
        for (String df : List.of("java/text/DateFormat", "java/text/SimpleDateFormat")) {
            replace(df, "parse", "(Ljava/lang/String;)Ljava/util/Date;", "dfParse", DATE_FORMATS);
            replace(df, "format", "(Ljava/util/Date;)Ljava/lang/String;", "dfFormat", DATE_FORMATS);
        }
        for (String cal : List.of("java/util/Calendar", "java/util/GregorianCalendar")) {
            replace(cal, "setTime", "(Ljava/util/Date;)V", "calSetTime", CALENDARS);
            replace(cal, "getTime", "()Ljava/util/Date;", "calGetTime", CALENDARS);
            replace(cal, "set", "(II)V", "calSet", CALENDARS);
            replace(cal, "add", "(II)V", "calAdd", CALENDARS);
            replace(cal, "get", "(I)I", "calGet", CALENDARS);
        }
        replace("java/security/MessageDigest", "update", "([B)V", "mdUpdate", DIGESTS);
        replace("java/security/MessageDigest", "digest", "()[B", "mdDigest", DIGESTS);
        replace("java/security/MessageDigest", "digest", "([B)[B", "mdDigestOf", DIGESTS);
        replace("java/security/MessageDigest", "reset", "()V", "mdReset", DIGESTS);
    }

    private SharedCalls() {
    }

    /** The hook takes the receiver typed as the family's base class, then the arguments, then the site. */
    private static void replace(String owner, String name, String descriptor, String hook, List<String> receivers) {
        String base = receivers.get(0);
        String hookDescriptor = "(" + base + descriptor.substring(1, descriptor.indexOf(')')) + "I)"
                + descriptor.substring(descriptor.indexOf(')') + 1);
        REPLACED.put(owner + '.' + name + descriptor, new Hook(hook, hookDescriptor, receivers));
    }

    /** The hook replacing this virtual call, or null. */
    static Hook replacement(String owner, String name, String descriptor) {
        return REPLACED.get(owner + '.' + name + descriptor);
    }

    static boolean isThreadLocalHook(Hook hook) {
        return hook.name.startsWith("tl");
    }
}
