package dev.crosstalk.agent.instrument;

/**
 * Where the application's logging framework reads the MDC: the making of a log event, which happens
 * on the thread that logs and only for lines that are written. Advice on Logback's
 * {@code LoggingEvent} constructors and on Log4j 2's context data injectors (called for every event,
 * synchronous, reusable or asynchronous) reports it; nothing else of either framework is touched.
 */
final class LogEvents {
    /** Spelled so that the shade plugin does not turn it into the agent's own relocated Logback. */
    static final String LOGBACK_EVENT = ClassFilter.unshaded("ch qos logback classic spi") + "LoggingEvent";
    private static final String LOG4J_CORE = "org/apache/logging/log4j/core/";
    /** A class file that declares (or calls) the injector method holds this name: the prefilter's needle. */
    static final String INJECTOR_METHOD = "injectContextData";

    private LogEvents() {
    }

    /** Whether {@code type} is one the log-event advice may apply to (it is not subject to the boundaries' ignore list). */
    static boolean applies(String type) {
        return type.equals(LOGBACK_EVENT) || type.startsWith(LOG4J_CORE);
    }

    /** The advice for method {@code name} (with code) of {@code type}, or null. */
    static BoundaryAdvice advice(TypeShape type, String name, String descriptor) {
        if (type.name.equals(LOGBACK_EVENT)) {
            return name.equals("<init>") && !TypeShape.takes(descriptor, 0, null) ? BoundaryAdvice.LOG_MADE : null;
        }
        return name.equals(INJECTOR_METHOD) && !type.isInterface()
                && type.hasSuperType(LOG4J_CORE + "ContextDataInjector") ? BoundaryAdvice.LOG_INJECT : null;
    }

    /** Whether the loaded class {@code type} may take the log-event advice (for retransformation). */
    static boolean mayApply(Class<?> type) {
        String n = type.getName().replace('.', '/');
        return n.equals(LOGBACK_EVENT) || n.startsWith(LOG4J_CORE) && !type.isInterface()
                && SuperTypes.has(type, (LOG4J_CORE + "ContextDataInjector").replace('/', '.'));
    }
}
