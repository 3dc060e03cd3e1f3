package dev.crosstalk.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Severity;
import org.junit.jupiter.api.Test;

/** The third rule: a request-derived value read by another user is an error after one write. */
class UserDataJudgeTest {
    private static final String SOURCE = "the header `Accept-Language`";

    @Test
    void derivedValueReadByAnotherUserIsAnErrorNamingItsSource() {
        FlowJudge.Verdict v = UserDataJudge.judge("com.acme.Greetings.BY_PAGE", true, SOURCE, "GET /a (request 1)",
                "s-1", "GET /a (request 2)", "s-2");
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("derived from the header `Accept-Language` of GET /a (request 1)"), v.message());
        assertTrue(v.message().contains("keyed by less than its value depends on"), v.message());
        FlowJudge.Verdict field = UserDataJudge.judge("com.acme.Last.result", false, SOURCE, "GET /a (request 1)",
                "s-1", "GET /b (request 2)", "s-2");
        assertTrue(field.message().contains("served to whoever reads it next"), field.message());
    }

    @Test
    void sameUserUnknownUserOrNoSourceIsNotThisRulesCase() {
        assertNull(UserDataJudge.judge("s", false, SOURCE, "w", "s-1", "r", "s-1"), "the same user");
        assertNull(UserDataJudge.judge("s", false, SOURCE, "w", null, "r", "s-2"), "the writer's user unknown");
        assertNull(UserDataJudge.judge("s", false, SOURCE, "w", "s-1", "r", null), "the reader's user unknown");
        assertNull(UserDataJudge.judge("s", false, null, "w", "s-1", "r", "s-2"), "derived from no input");
    }

    @Test
    void clockRefreshIsInformation() {
        FlowJudge.Verdict v = UserDataJudge.clock("org.apache.tomcat.util.http.FastHttpDateFormat.currentDate",
                "GET /a (request 1)", "GET /b (request 2)");
        assertEquals(Severity.INFO, v.severity());
        assertTrue(v.message().startsWith("Refreshed from the clock"), v.message());
    }
}
