package dev.crosstalk.agent.runtime;

import java.lang.reflect.Proxy;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/**
 * A servlet API under the {@code jakarta.servlet} names, generated in a class loader of its own as a
 * server has it (the agent has no servlet API), and requests of it as proxies: what
 * {@link Recorder#requestEnter} and {@link RequestReader} read by name.
 */
final class FakeServletApi {
    /**
     * Servlet 3.0 and later: with {@code getDispatcherType}, {@code getAttribute}, {@code getHeader} and
     * {@code getRequestedSessionId} (the id of the session the request has, when it has one).
     */
    static final FakeServletApi CURRENT = new FakeServletApi(true);
    /** Only {@code getMethod}, {@code getRequestURI} and {@code getSession}: the reader falls back to method handles. */
    static final FakeServletApi MINIMAL = new FakeServletApi(false);

    final Class<?> session;
    final Class<?> request;
    /** How many times requests of this API were asked for their session. */
    final java.util.concurrent.atomic.AtomicInteger sessionsAsked = new java.util.concurrent.atomic.AtomicInteger();

    private FakeServletApi(boolean current) {
        ClassLoader parent = FakeServletApi.class.getClassLoader();
        session = new ByteBuddy().makeInterface().name("jakarta.servlet.http.HttpSession")
                .defineMethod("getId", String.class, Visibility.PUBLIC).withoutCode()
                .make().load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        ClassLoader server = session.getClassLoader();
        DynamicType.Builder<?> http;
        if (current) {
            Class<?> servletRequest = new ByteBuddy().makeInterface().name("jakarta.servlet.ServletRequest")
                    .defineMethod("getAttribute", Object.class, Visibility.PUBLIC).withParameters(String.class)
                    .withoutCode()
                    .defineMethod("getDispatcherType", Object.class, Visibility.PUBLIC).withoutCode()
                    .make().load(server, ClassLoadingStrategy.Default.INJECTION).getLoaded();
            http = new ByteBuddy().makeInterface(servletRequest)
                    .defineMethod("getHeader", String.class, Visibility.PUBLIC).withParameters(String.class)
                    .withoutCode()
                    .defineMethod("getRequestedSessionId", String.class, Visibility.PUBLIC).withoutCode();
        } else {
            http = new ByteBuddy().makeInterface();
        }
        request = http.name("jakarta.servlet.http.HttpServletRequest")
                .defineMethod("getMethod", String.class, Visibility.PUBLIC).withoutCode()
                .defineMethod("getRequestURI", String.class, Visibility.PUBLIC).withoutCode()
                .defineMethod("getSession", session, Visibility.PUBLIC).withParameters(boolean.class).withoutCode()
                .make().load(server, ClassLoadingStrategy.Default.INJECTION).getLoaded();
    }

    /** A request {@code method uri} whose existing session has {@code sessionId} (none when null). */
    Object request(String method, String uri, String sessionId) {
        return request(method, uri, sessionId, Map.of(), "REQUEST");
    }

    /**
     * A request dispatched as {@code dispatch} (read by its {@code toString}), with {@code headers},
     * each attribute valued by its own name.
     */
    Object request(String method, String uri, String sessionId, Map<String, String> headers, Object dispatch) {
        Object s = sessionId == null ? null : Proxy.newProxyInstance(session.getClassLoader(),
                new Class<?>[] {session}, (p, m, a) -> m.getName().equals("getId") ? sessionId : null);
        return Proxy.newProxyInstance(request.getClassLoader(), new Class<?>[] {request}, (p, m, a) -> {
            switch (m.getName()) {
                case "getMethod":
                    return method;
                case "getRequestURI":
                    return uri;
                case "getSession":
                    sessionsAsked.incrementAndGet();
                    return s;
                case "getRequestedSessionId":
                    return sessionId;
                case "getHeader":
                    return headers.get((String) a[0]);
                case "getAttribute":
                    return "attribute " + a[0];
                case "getDispatcherType":
                    return dispatch;
                default:
                    return null;
            }
        });
    }
}
