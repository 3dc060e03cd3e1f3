package dev.crosstalk.agent.userdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.crosstalk.bootstrap.MarkHooks;
import org.junit.jupiter.api.Test;

/** Marks: sets of inputs, capped; what a key leaves out of a value's inputs. */
class MarkTest {
    private static final Mark HEADER = Mark.of(new Source(MarkHooks.SRC_HEADER, "Accept-Language"));
    private static final Mark ITEM = Mark.of(new Source(MarkHooks.SRC_PARAMETER, "item"));
    private static final Mark USER = Mark.of(new Source(MarkHooks.SRC_PRINCIPAL, null));

    @Test
    void unionNamesEveryInputOnceAndKeepsAtMostFour() {
        Mark both = HEADER.union(ITEM).union(HEADER);
        assertEquals("the header `Accept-Language` and the parameter `item`", both.describe());
        assertSame(both, both.union(ITEM), "nothing new: the same mark");
        Mark many = both.union(USER).union(Mark.of(new Source(MarkHooks.SRC_COOKIE, "c")))
                .union(Mark.of(new Source(MarkHooks.SRC_QUERY, null)));
        assertEquals(Mark.MAX, many.sources().size());
        assertEquals("the header `Accept-Language`, the parameter `item`, the principal and the cookie `c`",
                many.describe());
    }

    @Test
    void minusIsWhatTheKeyLeavesOut() {
        Mark value = ITEM.union(HEADER);
        assertEquals("the header `Accept-Language`", value.minus(ITEM).describe(), "keyed by item only");
        assertNull(value.minus(ITEM.union(HEADER)), "a composite key covers the value");
        assertNull(ITEM.minus(ITEM), "a memo: the value is a function of its key");
        assertSame(value, value.minus(null), "an unmarked key covers nothing");
    }

    @Test
    void longNamesAreCut() {
        String name = "x".repeat(200);
        assertEquals(81, new Source(MarkHooks.SRC_HEADER, name).name().length());
    }
}
