package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.userdata.Identity;
import dev.crosstalk.agent.finding.Sha256;
import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.ServletAccess;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;

/**
 * Reads what a finding shows of a request (method, path, session) from the server's request object,
 * through the public API interfaces found at run time (a class defined beside the servlet API, method
 * handles otherwise), so the agent needs no servlet API of its own and works for javax and jakarta
 * alike. How to read is decided once per request class.
 */
final class RequestReader {
    private static final int MAX_PATH = 200;

    /**
     * How to read a servlet request of a class; null when it is not a servlet request. A class
     * defined beside the API when the JVM allows it ({@link ServletAccessors}), else method handles.
     */
    private static final ClassValue<ServletAccess> SERVLET = new ClassValue<>() {
        @Override
        protected ServletAccess computeValue(Class<?> type) {
            return servletAccess(type);
        }
    };

    private static ServletAccess servletAccess(Class<?> type) {
        Class<?> api = find(type, "jakarta.servlet.http.HttpServletRequest");
        if (api == null) {
            api = find(type, "javax.servlet.http.HttpServletRequest");
        }
        if (api == null) {
            return null;
        }
        try {
            return ServletAccessors.define(api);
        } catch (Throwable direct) {
            try {
                return new HandleAccess(api);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    /** The JDK server's accessors, as {@link #SERVLET}. */
    private static final ClassValue<ExchangeApi> EXCHANGE = new ClassValue<>() {
        @Override
        protected ExchangeApi computeValue(Class<?> type) {
            Class<?> api = find(type, "com.sun.net.httpserver.HttpExchange");
            try {
                return api == null ? null : new ExchangeApi(api);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    /** What {@link HandleAccess#requestedSessionId} answers where the API cannot say: ask for the session. */
    private static final String UNKNOWN_SESSION_ID = "";

    private static final MethodType TO_OBJECT = MethodType.methodType(Object.class, Object.class);
    private static final MethodType NAMED = MethodType.methodType(Object.class, Object.class, String.class);

    /**
     * The servlet API through method handles, where no class can be defined beside it. Method handles
     * rather than {@code Method.invoke}: read on every request, and on JDK 17 the reflective calls (an
     * argument array, an access check, a megamorphic accessor) were 3% of a small request's CPU.
     */
    private static final class HandleAccess implements ServletAccess {
        final MethodHandle method;
        final MethodHandle uri;
        /** Null on an API without it: then every request is asked for its session. */
        final MethodHandle requestedSessionId;
        final MethodHandle session;
        final MethodHandle sessionId;
        /** Null on servlet APIs older than 3.0. */
        final MethodHandle dispatch;
        final MethodHandle attribute;
        final MethodHandle header;

        HandleAccess(Class<?> api) throws ReflectiveOperationException {
            Class<?> sessionType = api.getMethod("getSession", boolean.class).getReturnType();
            method = handle(api, "getMethod", TO_OBJECT);
            uri = handle(api, "getRequestURI", TO_OBJECT);
            requestedSessionId = optional(api, "getRequestedSessionId", TO_OBJECT);
            session = handle(api, "getSession", MethodType.methodType(Object.class, Object.class, boolean.class),
                    boolean.class);
            sessionId = handle(sessionType, "getId", TO_OBJECT);
            dispatch = optional(api, "getDispatcherType", TO_OBJECT);
            attribute = optional(api, "getAttribute", NAMED, String.class);
            header = optional(api, "getHeader", NAMED, String.class);
        }

        @Override
        public String method(Object request) {
            return (String) call(method, request, null);
        }

        @Override
        public String uri(Object request) {
            return (String) call(uri, request, null);
        }

        @Override
        public String requestedSessionId(Object request) {
            return requestedSessionId == null ? UNKNOWN_SESSION_ID : (String) call(requestedSessionId, request, null);
        }

        @Override
        public Object session(Object request) {
            try {
                return (Object) session.invokeExact(request, false);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        @Override
        public String sessionId(Object s) {
            return (String) call(sessionId, s, null);
        }

        @Override
        public Object dispatch(Object request) {
            return dispatch == null ? "REQUEST" : call(dispatch, request, null);
        }

        @Override
        public Object attribute(Object request, String name) {
            return attribute == null ? null : call(attribute, request, name);
        }

        @Override
        public String header(Object request, String name) {
            return header == null ? null : (String) call(header, request, name);
        }

        private static Object call(MethodHandle h, Object target, String name) {
            try {
                return name == null ? (Object) h.invokeExact(target) : (Object) h.invokeExact(target, name);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static final class ExchangeApi {
        final MethodHandle method;
        final MethodHandle uri;
        final MethodHandle headers;
        final MethodHandle first;

        ExchangeApi(Class<?> api) throws ReflectiveOperationException {
            method = handle(api, "getRequestMethod", TO_OBJECT);
            uri = handle(api, "getRequestURI", TO_OBJECT);
            headers = handle(api, "getRequestHeaders", TO_OBJECT);
            first = handle(api.getMethod("getRequestHeaders").getReturnType(), "getFirst", NAMED, String.class);
        }
    }

    /** The public method {@code name} of {@code api}, typed as {@code type}. */
    /** A handle on public method {@code name} of {@code api}, adapted to {@code type}. */
    static MethodHandle handle(Class<?> api, String name, MethodType type, Class<?>... parameters)
            throws ReflectiveOperationException {
        return MethodHandles.publicLookup().unreflect(api.getMethod(name, parameters)).asType(type);
    }

    private RequestReader() {
    }

    /** A method of the servlet API that older or partial implementations may lack; null then. */
    private static MethodHandle optional(Class<?> api, String name, MethodType type, Class<?>... parameters)
            throws ReflectiveOperationException {
        try {
            return handle(api, name, type, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** What findings show of {@code request}, and for servlets how it was dispatched. */
    static RequestSeen read(Object request, int kind) {
        try {
            switch (kind) {
                case Hooks.KIND_JAKARTA:
                case Hooks.KIND_JAVAX:
                    return servlet(request);
                case Hooks.KIND_JDK_HTTP:
                    return exchange(request);
                default:
                    return new RequestSeen(String.valueOf(request), null);
            }
        } catch (Throwable t) {
            Hooks.error(t);
            return new RequestSeen(request == null ? "?" : request.getClass().getSimpleName(), null);
        }
    }

    private static RequestSeen servlet(Object request) {
        ServletAccess api = SERVLET.get(request.getClass());
        if (api == null) {
            return new RequestSeen("SERVLET " + request.getClass().getSimpleName(), null);
        }
        String label = api.method(request) + " " + path(api.uri(request));
        // Asked only of a request that came with a session id: getSession takes a lock in Tomcat, and a
        // request without one has a session only if it creates it (it then has no key, see Resets).
        Object session = api.requestedSessionId(request) == null ? null : api.session(request);
        String key = session != null ? sessionKey(api.sessionId(session))
                : userKey(name -> api.header(request, name));
        String dispatch = String.valueOf(api.dispatch(request));
        if (!dispatch.equals("ERROR")) {
            return new RequestSeen(label, key, dispatch, null);
        }
        // The path the error page is for, to tell it from an error of a request that never reached us.
        Object uri = api.attribute(request, "jakarta.servlet.error.request_uri");
        if (uri == null) {
            uri = api.attribute(request, "javax.servlet.error.request_uri");
        }
        return new RequestSeen(label, key, dispatch, uri == null ? null : path(String.valueOf(uri)));
    }

    private static RequestSeen exchange(Object exchange) throws Throwable {
        ExchangeApi api = EXCHANGE.get(exchange.getClass());
        if (api == null) {
            return new RequestSeen("HTTP " + exchange.getClass().getSimpleName(), null);
        }
        URI uri = (URI) (Object) api.uri.invokeExact(exchange);
        Object headers = (Object) api.headers.invokeExact(exchange);
        return new RequestSeen((Object) api.method.invokeExact(exchange) + " " + path(uri.getRawPath()),
                headers == null ? null : userKey(name -> (String) (Object) api.first.invokeExact(headers, name)));
    }

    /** Reads a request header by name. */
    private interface HeaderReader {
        String read(String name) throws Throwable;
    }

    /** Without a session: a hash of the session cookie or identifying header (see {@link Identity}). */
    private static String userKey(HeaderReader header) {
        return sessionKey(Identity.userValue(name -> {
            try {
                return header.read(name);
            } catch (Throwable e) {
                return null; // the server's own failure to read a header: no user key, as with none
            }
        }));
    }

    static String path(String p) {
        if (p == null || p.isEmpty()) {
            return "/";
        }
        return p.length() > MAX_PATH ? p.substring(0, MAX_PATH) + "…" : p;
    }

    /** 12 hex digits of SHA-256 of the session id: tells sessions apart, never reveals one. */
    static String sessionKey(String sessionId) {
        if (sessionId == null) {
            return null;
        }
        return "s-" + Sha256.hex(sessionId, 6);
    }

    static Class<?> find(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
            Class<?> i = findInterface(c.getInterfaces(), name);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    private static Class<?> findInterface(Class<?>[] interfaces, String name) {
        for (Class<?> i : interfaces) {
            if (i.getName().equals(name)) {
                return i;
            }
            Class<?> sup = findInterface(i.getInterfaces(), name);
            if (sup != null) {
                return sup;
            }
        }
        return null;
    }
}
