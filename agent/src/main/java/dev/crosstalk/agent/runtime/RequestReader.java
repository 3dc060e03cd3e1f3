package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.userdata.Identity;
import dev.crosstalk.agent.finding.Sha256;
import dev.crosstalk.bootstrap.Hooks;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * Reads what a finding shows of a request (method, path, session) from the server's request object,
 * by reflection through the public API interfaces, so the agent needs no servlet API of its own and
 * works for javax and jakarta alike. Lookups are cached per request class.
 */
final class RequestReader {
    private static final int MAX_PATH = 200;

    /** The servlet API's accessors, as method handles typed on {@code Object}; null when not a servlet request. */
    private static final ClassValue<ServletApi> SERVLET = new ClassValue<>() {
        @Override
        protected ServletApi computeValue(Class<?> type) {
            Class<?> api = find(type, "jakarta.servlet.http.HttpServletRequest");
            if (api == null) {
                api = find(type, "javax.servlet.http.HttpServletRequest");
            }
            try {
                return api == null ? null : new ServletApi(api);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

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

    private static final MethodType TO_OBJECT = MethodType.methodType(Object.class, Object.class);
    private static final MethodType NAMED = MethodType.methodType(Object.class, Object.class, String.class);

    /**
     * Method handles rather than {@code Method.invoke}: read on every request, and on JDK 17 the
     * reflective calls (an argument array, an access check, a megamorphic accessor) were 3% of a small
     * request's CPU.
     */
    private static final class ServletApi {
        final MethodHandle method;
        final MethodHandle uri;
        final MethodHandle session;
        final MethodHandle sessionId;
        /** Null on servlet APIs older than 3.0. */
        final MethodHandle dispatch;
        final MethodHandle attribute;
        final MethodHandle header;

        ServletApi(Class<?> api) throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Method getSession = api.getMethod("getSession", boolean.class);
            method = lookup.unreflect(api.getMethod("getMethod")).asType(TO_OBJECT);
            uri = lookup.unreflect(api.getMethod("getRequestURI")).asType(TO_OBJECT);
            session = lookup.unreflect(getSession).asType(MethodType.methodType(Object.class, Object.class,
                    boolean.class));
            sessionId = lookup.unreflect(getSession.getReturnType().getMethod("getId")).asType(TO_OBJECT);
            dispatch = optional(lookup, api, "getDispatcherType", TO_OBJECT);
            attribute = optional(lookup, api, "getAttribute", NAMED, String.class);
            header = optional(lookup, api, "getHeader", NAMED, String.class);
        }
    }

    private static final class ExchangeApi {
        final MethodHandle method;
        final MethodHandle uri;
        final MethodHandle headers;
        final MethodHandle first;

        ExchangeApi(Class<?> api) throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Method getHeaders = api.getMethod("getRequestHeaders");
            method = lookup.unreflect(api.getMethod("getRequestMethod")).asType(TO_OBJECT);
            uri = lookup.unreflect(api.getMethod("getRequestURI")).asType(TO_OBJECT);
            headers = lookup.unreflect(getHeaders).asType(TO_OBJECT);
            first = lookup.unreflect(getHeaders.getReturnType().getMethod("getFirst", String.class)).asType(NAMED);
        }
    }

    private RequestReader() {
    }

    /** A method of the servlet API that older or partial implementations may lack; null then. */
    private static MethodHandle optional(MethodHandles.Lookup lookup, Class<?> api, String name, MethodType type,
            Class<?>... parameters) throws IllegalAccessException {
        try {
            return lookup.unreflect(api.getMethod(name, parameters)).asType(type);
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

    private static RequestSeen servlet(Object request) throws Throwable {
        ServletApi api = SERVLET.get(request.getClass());
        if (api == null) {
            return new RequestSeen("SERVLET " + request.getClass().getSimpleName(), null);
        }
        String label = (String) (Object) api.method.invokeExact(request) + " "
                + path((String) (Object) api.uri.invokeExact(request));
        Object session = (Object) api.session.invokeExact(request, false);
        String key = session != null ? sessionKey((String) (Object) api.sessionId.invokeExact(session))
                : api.header == null ? null
                : userKey(name -> (String) (Object) api.header.invokeExact(request, name));
        String dispatch = api.dispatch == null ? "REQUEST"
                : String.valueOf((Object) api.dispatch.invokeExact(request));
        if (!dispatch.equals("ERROR") || api.attribute == null) {
            return new RequestSeen(label, key, dispatch, null);
        }
        // The path the error page is for, to tell it from an error of a request that never reached us.
        Object uri = (Object) api.attribute.invokeExact(request, "jakarta.servlet.error.request_uri");
        if (uri == null) {
            uri = (Object) api.attribute.invokeExact(request, "javax.servlet.error.request_uri");
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
