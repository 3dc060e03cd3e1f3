package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.runtime.AccessorClasses.Call;
import dev.crosstalk.bootstrap.ServletAccess;
import java.lang.reflect.Method;

/**
 * The {@link ServletAccess} defined beside a servlet API interface ({@link AccessorClasses}):
 * {@code HttpServletRequest$$CrosstalkAccess}, whose methods cast the request and call the API.
 */
final class ServletAccessors {
    private ServletAccessors() {
    }

    /** A direct accessor for the servlet request interface {@code api}; throws when it cannot be defined. */
    static ServletAccess define(Class<?> api) throws ReflectiveOperationException {
        return AccessorClasses.define(api, ServletAccess.class, calls(api));
    }

    private static Call[] calls(Class<?> api) throws NoSuchMethodException {
        Method getSession = api.getMethod("getSession", boolean.class);
        return new Call[] {
            new Call("method", AccessorClasses.READS_STRING, api.getMethod("getMethod")),
            new Call("uri", AccessorClasses.READS_STRING, api.getMethod("getRequestURI")),
            new Call("requestedSessionId", AccessorClasses.READS_STRING, api.getMethod("getRequestedSessionId")),
            new Call("session", "(Ljava/lang/Object;)Ljava/lang/Object;", getSession),
            new Call("sessionId", AccessorClasses.READS_STRING, getSession.getReturnType().getMethod("getId")),
            new Call("dispatch", "(Ljava/lang/Object;)Ljava/lang/Object;", api.getMethod("getDispatcherType")),
            new Call("attribute", "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;",
                    api.getMethod("getAttribute", String.class)),
            new Call("header", "(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/String;",
                    api.getMethod("getHeader", String.class)),
        };
    }
}
