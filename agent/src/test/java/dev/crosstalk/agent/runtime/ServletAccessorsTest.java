package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.ServletAccess;
import java.lang.reflect.Proxy;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.Test;

/**
 * The request reader's direct accessor: a class defined beside a servlet API (here a copy of its
 * shape under the {@code jakarta.servlet} names, in a loader of its own, as a server has it) that
 * reads a request by calling the API, and the method-handle reading where the API lacks a method.
 */
class ServletAccessorsTest {
    private static final Class<?> SESSION;
    private static final Class<?> SERVLET_REQUEST;
    private static final Class<?> REQUEST;

    static {
        ClassLoader parent = ServletAccessorsTest.class.getClassLoader();
        SESSION = new ByteBuddy().makeInterface().name("jakarta.servlet.http.HttpSession")
                .defineMethod("getId", String.class, Visibility.PUBLIC).withoutCode()
                .make().load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        ClassLoader server = SESSION.getClassLoader();
        SERVLET_REQUEST = new ByteBuddy().makeInterface().name("jakarta.servlet.ServletRequest")
                .defineMethod("getAttribute", Object.class, Visibility.PUBLIC).withParameters(String.class).withoutCode()
                .defineMethod("getDispatcherType", Object.class, Visibility.PUBLIC).withoutCode()
                .make().load(server, ClassLoadingStrategy.Default.INJECTION).getLoaded();
        REQUEST = new ByteBuddy().makeInterface(SERVLET_REQUEST).name("jakarta.servlet.http.HttpServletRequest")
                .defineMethod("getMethod", String.class, Visibility.PUBLIC).withoutCode()
                .defineMethod("getRequestURI", String.class, Visibility.PUBLIC).withoutCode()
                .defineMethod("getSession", SESSION, Visibility.PUBLIC).withParameters(boolean.class).withoutCode()
                .defineMethod("getHeader", String.class, Visibility.PUBLIC).withParameters(String.class).withoutCode()
                .make().load(server, ClassLoadingStrategy.Default.INJECTION).getLoaded();
    }

    @Test
    void theAccessorIsDefinedBesideTheApiAndCallsIt() throws Exception {
        ServletAccess access = ServletAccessors.define(REQUEST);
        assertEquals("jakarta.servlet.http.HttpServletRequest$$CrosstalkAccess", access.getClass().getName());
        assertSame(REQUEST.getClassLoader(), access.getClass().getClassLoader(), "in the API's own loader");
        Object request = request("POST", "/cart", "abc", Map.of("Cookie", "JSESSIONID=xyz"), Thread.State.BLOCKED);
        assertEquals("POST", access.method(request));
        assertEquals("/cart", access.uri(request));
        assertEquals("abc", access.sessionId(access.session(request)));
        assertEquals("JSESSIONID=xyz", access.header(request, "Cookie"));
        assertNull(access.header(request, "Authorization"));
        assertEquals(Thread.State.BLOCKED, access.dispatch(request));
        assertEquals("attribute jakarta.servlet.error.request_uri",
                access.attribute(request, "jakarta.servlet.error.request_uri"));
    }

    @Test
    void aSecondDefinitionInTheSameLoaderAnswersTheFirstClass() throws Exception {
        ServletAccess first = ServletAccessors.define(REQUEST);
        ServletAccess second = ServletAccessors.define(REQUEST);
        assertSame(first.getClass(), second.getClass());
    }

    @Test
    void theReaderSeesLabelSessionAndErrorPathThroughIt() {
        long errors = Hooks.errors();
        RequestSeen seen = RequestReader.read(request("GET", "/owners/1", "abc", Map.of(), Thread.State.NEW),
                Hooks.KIND_JAKARTA);
        assertEquals("GET /owners/1", seen.label);
        assertEquals(RequestReader.sessionKey("abc"), seen.sessionKey);
        RequestSeen error = RequestReader.read(request("GET", "/error", null, Map.of("Authorization", "Bearer t"),
                "ERROR"), Hooks.KIND_JAKARTA);
        assertEquals(RequestReader.sessionKey("Authorization:Bearer t"), error.sessionKey,
                "without a session, the identifying header");
        assertEquals("attribute jakarta.servlet.error.request_uri", error.errorPath, "the page the error is for");
        assertEquals(errors, Hooks.errors(), "read without a hook error");
    }

    /** A request dispatched as {@code dispatch} (read by its {@code toString}), each attribute valued by its name. */
    private static Object request(String method, String uri, String sessionId, Map<String, String> headers,
            Object dispatch) {
        Object session = sessionId == null ? null : Proxy.newProxyInstance(SESSION.getClassLoader(),
                new Class<?>[] {SESSION}, (p, m, a) -> m.getName().equals("getId") ? sessionId : null);
        return Proxy.newProxyInstance(REQUEST.getClassLoader(), new Class<?>[] {REQUEST}, (p, m, a) -> {
            switch (m.getName()) {
                case "getMethod":
                    return method;
                case "getRequestURI":
                    return uri;
                case "getSession":
                    return session;
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
