package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.HookTable;
import java.util.ArrayList;
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

    /** The JDK classes whose calls a family's hooks replace, by the hooks' receiver type. */
    private static final Map<String, List<String>> OWNERS = Map.of(
            "Ljava/lang/ThreadLocal;", List.of("java/lang/ThreadLocal", "java/lang/InheritableThreadLocal"),
            "Ljava/text/DateFormat;", List.of("java/text/DateFormat", "java/text/SimpleDateFormat"),
            "Ljava/util/Calendar;", List.of("java/util/Calendar", "java/util/GregorianCalendar"),
            "Ljava/security/MessageDigest;", List.of("java/security/MessageDigest"));

    /** The field descriptors that can hold a family's receiver: its classes' descriptors. */
    private static final Map<String, List<String>> RECEIVER_TYPES = new HashMap<>();

    private static final Map<String, HookTable> REPLACED = new HashMap<>();

    static {
        for (HookTable hook : HookTable.values()) {
            List<String> owners = hook.call == null ? null : OWNERS.get(hook.receiver());
            if (owners != null) {
                List<String> types = new ArrayList<>();
                for (String owner : owners) {
                    REPLACED.put(owner + '.' + hook.call + hook.callDescriptor(), hook);
                    types.add("L" + owner + ";");
                }
                RECEIVER_TYPES.put(hook.receiver(), types);
            }
        }
    }

    private SharedCalls() {
    }

    /** The hook replacing this virtual call, or null. */
    static HookTable replacement(String owner, String name, String descriptor) {
        return REPLACED.get(owner + '.' + name + descriptor);
    }

    /** The field descriptors whose most recent load in a method names the receiver of {@code hook}'s call. */
    static List<String> receiverTypes(HookTable hook) {
        return RECEIVER_TYPES.get(hook.receiver());
    }
}
