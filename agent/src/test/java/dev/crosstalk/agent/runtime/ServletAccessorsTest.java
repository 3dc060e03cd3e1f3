package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.ServletAccess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request reader's direct accessor: a class defined beside a servlet API (here one of its shape,
 * in a loader of its own, as a server has it) that reads a request by calling the API; and the
 * method-handle reading where the API lacks a method the accessor calls.
 */
class ServletAccessorsTest {
    private static final FakeServletApi API = FakeServletApi.CURRENT;

    @Test
    void theAccessorIsDefinedBesideTheApiAndCallsIt() throws Exception {
        ServletAccess access = ServletAccessors.define(API.request);
        assertEquals("jakarta.servlet.http.HttpServletRequest$$CrosstalkAccess", access.getClass().getName());
        assertSame(API.request.getClassLoader(), access.getClass().getClassLoader(), "in the API's own loader");
        Object request = API.request("POST", "/cart", "abc", Map.of("Cookie", "JSESSIONID=xyz"), "FORWARD");
        assertEquals("POST", access.method(request));
        assertEquals("/cart", access.uri(request));
        assertEquals("abc", access.requestedSessionId(request));
        assertEquals("abc", access.sessionId(access.session(request)));
        assertEquals("JSESSIONID=xyz", access.header(request, "Cookie"));
        assertNull(access.header(request, "Authorization"));
        assertEquals("FORWARD", access.dispatch(request));
        assertEquals("attribute jakarta.servlet.error.request_uri",
                access.attribute(request, "jakarta.servlet.error.request_uri"));
    }

    @Test
    void aSecondDefinitionInTheSameLoaderAnswersTheFirstClass() throws Exception {
        ServletAccess first = ServletAccessors.define(API.request);
        ServletAccess second = ServletAccessors.define(API.request);
        assertSame(first.getClass(), second.getClass());
    }

    @Test
    void theReaderSeesLabelSessionAndErrorPathThroughIt() {
        long errors = Hooks.errors();
        RequestSeen seen = RequestReader.read(API.request("GET", "/owners/1", "abc"), Hooks.KIND_JAKARTA);
        assertEquals("GET /owners/1", seen.label);
        assertEquals(RequestReader.sessionKey("abc"), seen.sessionKey);
        RequestSeen error = RequestReader.read(API.request("GET", "/error", null, Map.of("Authorization", "Bearer t"),
                "ERROR"), Hooks.KIND_JAKARTA);
        assertEquals(RequestReader.sessionKey("Authorization:Bearer t"), error.sessionKey,
                "without a session, the identifying header");
        assertEquals("attribute jakarta.servlet.error.request_uri", error.errorPath, "the page the error is for");
        assertEquals(errors, Hooks.errors(), "read without a hook error");
    }

    @Test
    void onlyARequestThatCameWithASessionIdIsAskedForItsSession() {
        int asked = API.sessionsAsked.get();
        RequestSeen fresh = RequestReader.read(API.request("GET", "/owners/1", null), Hooks.KIND_JAKARTA);
        assertNull(fresh.sessionKey);
        assertEquals(asked, API.sessionsAsked.get(), "no session id sent: getSession (a lock in Tomcat) not called");
        RequestSeen returning = RequestReader.read(API.request("GET", "/owners/1", "abc"), Hooks.KIND_JAKARTA);
        assertEquals(RequestReader.sessionKey("abc"), returning.sessionKey);
        assertEquals(asked + 1, API.sessionsAsked.get());
    }

    @Test
    void anApiWithoutAMethodTheAccessorCallsIsReadThroughMethodHandles() {
        FakeServletApi old = FakeServletApi.MINIMAL;
        assertThrows(NoSuchMethodException.class, () -> ServletAccessors.define(old.request));
        long errors = Hooks.errors();
        RequestSeen seen = RequestReader.read(old.request("GET", "/owners/1", "abc"), Hooks.KIND_JAKARTA);
        assertEquals("GET /owners/1", seen.label);
        assertEquals(RequestReader.sessionKey("abc"), seen.sessionKey, "no getRequestedSessionId: asked for its session");
        assertEquals(errors, Hooks.errors(), "read without a hook error");
    }
}
