package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.userdata.Identity;
import dev.crosstalk.agent.finding.Sha256;
import dev.crosstalk.bootstrap.Hooks;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * Reads what a finding shows of a request (method, path, session) from the server's request object,
 * by reflection through the public API interfaces, so the agent needs no servlet API of its own and
 * works for javax and jakarta alike. Lookups are cached per request class.
 */
final class RequestReader {
    private static final int MAX_PATH = 200;

    private static final ClassValue<Method[]> SERVLET = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            Class<?> api = find(type, "jakarta.servlet.http.HttpServletRequest");
            if (api == null) {
                api = find(type, "javax.servlet.http.HttpServletRequest");
            }
            if (api == null) {
                return new Method[0];
            }
            try {
                Method getSession = api.getMethod("getSession", boolean.class);
                return new Method[] {api.getMethod("getMethod"), api.getMethod("getRequestURI"), getSession,
                    getSession.getReturnType().getMethod("getId"), optional(api, "getDispatcherType"),
                    optional(api, "getAttribute", String.class), optional(api, "getHeader", String.class)};
            } catch (ReflectiveOperationException e) {
                return new Method[0];
            }
        }
    };

    private static final ClassValue<Method[]> EXCHANGE = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            Class<?> api = find(type, "com.sun.net.httpserver.HttpExchange");
            if (api == null) {
                return new Method[0];
            }
            try {
                Method headers = api.getMethod("getRequestHeaders");
                return new Method[] {api.getMethod("getRequestMethod"), api.getMethod("getRequestURI"), headers,
                    headers.getReturnType().getMethod("getFirst", String.class)};
            } catch (ReflectiveOperationException e) {
                return new Method[0];
            }
        }
    };

    private RequestReader() {
    }

    /** A method of the servlet API that older or partial implementations may lack; null then. */
    private static Method optional(Class<?> api, String name, Class<?>... parameters) {
        try {
            return api.getMethod(name, parameters);
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

    private static RequestSeen servlet(Object request) throws ReflectiveOperationException {
        Method[] m = SERVLET.get(request.getClass());
        if (m.length == 0) {
            return new RequestSeen("SERVLET " + request.getClass().getSimpleName(), null);
        }
        String label = m[0].invoke(request) + " " + path((String) m[1].invoke(request));
        Object session = m[2].invoke(request, false);
        String key = session != null ? sessionKey((String) m[3].invoke(session))
                : m[6] == null ? null : userKey(name -> (String) m[6].invoke(request, name));
        String dispatch = m[4] == null ? "REQUEST" : String.valueOf(m[4].invoke(request));
        if (!dispatch.equals("ERROR") || m[5] == null) {
            return new RequestSeen(label, key, dispatch, null);
        }
        // The path the error page is for, to tell it from an error of a request that never reached us.
        Object uri = m[5].invoke(request, "jakarta.servlet.error.request_uri");
        if (uri == null) {
            uri = m[5].invoke(request, "javax.servlet.error.request_uri");
        }
        return new RequestSeen(label, key, dispatch, uri == null ? null : path(String.valueOf(uri)));
    }

    private static RequestSeen exchange(Object exchange) throws ReflectiveOperationException {
        Method[] m = EXCHANGE.get(exchange.getClass());
        if (m.length == 0) {
            return new RequestSeen("HTTP " + exchange.getClass().getSimpleName(), null);
        }
        URI uri = (URI) m[1].invoke(exchange);
        Object headers = m[2].invoke(exchange);
        return new RequestSeen(m[0].invoke(exchange) + " " + path(uri.getRawPath()),
                headers == null ? null : userKey(name -> (String) m[3].invoke(headers, name)));
    }

    /** Reads a request header by name through reflection. */
    private interface HeaderReader {
        String read(String name) throws ReflectiveOperationException;
    }

    /** Without a session: a hash of the session cookie or identifying header (see {@link Identity}). */
    private static String userKey(HeaderReader header) {
        return sessionKey(Identity.userValue(name -> {
            try {
                return header.read(name);
            } catch (ReflectiveOperationException e) {
                return null;
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
