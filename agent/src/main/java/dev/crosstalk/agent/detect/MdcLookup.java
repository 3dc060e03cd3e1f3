package dev.crosstalk.agent.detect;

import java.lang.reflect.Method;

/**
 * What the application's MDC holds for a key now, read the way its logging framework would: Log4j 2's
 * {@code ThreadContext.get} for Log4j's classes, SLF4J's {@code MDC.get} for Logback's, found through
 * the class loader of the framework class that is making a log event (the agent has its own, relocated
 * SLF4J). Asked only when
 * a request logs while an earlier request's entry may still be there, so reflection is affordable.
 */
final class MdcLookup {
    private static final String SLF4J_MDC = LogCallSite.dotted("org slf4j") + "MDC";
    private static final String LOG4J = "org.apache.logging.log4j.";

    private static final ClassValue<Method> GET = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> framework) {
            String api = framework.getName().startsWith(LOG4J) ? LOG4J + "ThreadContext" : SLF4J_MDC;
            try {
                return Class.forName(api, false, framework.getClassLoader()).getMethod("get", String.class);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null; // not visible from this framework: nothing to compare
            }
        }
    };

    private MdcLookup() {
    }

    /** The value {@code framework}'s MDC holds for {@code key} on this thread, or null when none or unreadable. */
    static Object get(Class<?> framework, String key) {
        Method get = GET.get(framework);
        if (get == null) {
            return null;
        }
        try {
            return get.invoke(null, key);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
