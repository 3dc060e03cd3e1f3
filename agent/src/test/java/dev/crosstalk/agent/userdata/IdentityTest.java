package dev.crosstalk.agent.userdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which value identifies a request's user when there is no HttpSession. */
class IdentityTest {

    @AfterEach
    void defaults() {
        Identity.configure(Identity.DEFAULT_COOKIES, Identity.DEFAULT_HEADERS);
    }

    @Test
    void sessionCookieFirstThenAuthorization() {
        assertEquals("abc", Identity.userValue(Map.of("Cookie", "theme=dark; JSESSIONID=abc", "Authorization", "Basic x")::get));
        assertEquals("Authorization:Basic x", Identity.userValue(Map.of("Cookie", "theme=dark",
                "Authorization", "Basic x")::get));
        assertNull(Identity.userValue(Map.of("Cookie", "JSESSIONID=")::get), "an empty cookie identifies nobody");
        assertNull(Identity.userValue(Map.<String, String>of()::get));
    }

    @Test
    void namesComeFromTheOptions() {
        Identity.configure(List.of("sid"), List.of("X-Api-Key"));
        assertEquals("k1", Identity.userValue(Map.of("Cookie", "JSESSIONID=abc;sid=k1")::get));
        assertEquals("X-Api-Key:key", Identity.userValue(Map.of("Authorization", "Basic x", "X-Api-Key", "key")::get));
    }
}
