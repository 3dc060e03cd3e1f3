package dev.crosstalk.agent.userdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.crosstalk.bootstrap.MarkHooks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request's table of marked values: by identity, capped. */
class RequestMarksTest {
    private static final Mark M = Mark.of(new Source(MarkHooks.SRC_PARAMETER, "q"));

    @Test
    void valuesAreTrackedByIdentityNotEquality() {
        RequestMarks marks = new RequestMarks();
        String a = new String("same");
        marks.add(a, M);
        assertNotNull(marks.get(a));
        assertNull(marks.get(new String("same")), "an equal string computed elsewhere is not derived from the input");
    }

    @Test
    void theEmptyStringIsNeverMarkedAnEmptyBuilderIs() {
        RequestMarks marks = new RequestMarks();
        String empty = new String("/").substring(1);
        marks.add(empty, M);
        assertNull(marks.get(empty), "the JVM's one empty string holds nothing of an input");
        assertNull(marks.get(""), "nor does the literal it is");
        StringBuilder builder = new StringBuilder();
        marks.add(builder, M);
        assertNotNull(marks.get(builder), "an empty builder is this request's own object, filled later");
        String blank = new String(" ");
        marks.add(blank, M);
        assertNotNull(marks.get(blank), "a non-empty string carries its input");
    }

    @Test
    void atMostMaxValuesAreMarked() {
        RequestMarks marks = new RequestMarks();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < RequestMarks.MAX + 10; i++) {
            Object v = new Object();
            values.add(v);
            marks.add(v, M);
        }
        assertNotNull(marks.get(values.get(RequestMarks.MAX - 1)));
        assertNull(marks.get(values.get(RequestMarks.MAX)));
        assertEquals(10, marks.dropped());
    }

    @Test
    void valuesStayMarkedWhenTheListTurnsIntoATable() {
        RequestMarks marks = new RequestMarks();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < RequestMarks.LINEAR * 5; i++) {
            Object v = new String("v" + i);
            values.add(v);
            marks.add(v, Mark.of(new Source(MarkHooks.SRC_PARAMETER, "p" + i)));
            for (int j = 0; j <= i; j++) {
                Mark m = marks.get(values.get(j));
                assertNotNull(m, "value " + j + " after " + (i + 1) + " were added");
                assertEquals("p" + j, m.sources().get(0).name());
            }
            assertNull(marks.get(new String("v" + i)), "an equal string is not the marked one");
        }
    }

    @Test
    void aValueMarkedTwiceCarriesBothInputsListedOrHashed() {
        for (int before : new int[] {0, RequestMarks.LINEAR + 3}) {
            RequestMarks marks = new RequestMarks();
            for (int i = 0; i < before; i++) {
                marks.add(new StringBuilder(), M);
            }
            Object v = new StringBuilder("x");
            Mark other = Mark.of(new Source(MarkHooks.SRC_HEADER, "h"));
            marks.add(v, M);
            marks.add(v, other);
            assertEquals(2, marks.get(v).sources().size(), "after " + before + " other values");
        }
    }

    @Test
    void unionOfJoinsTheMarksOfTheParts() {
        RequestMarks marks = new RequestMarks();
        Object a = new StringBuilder("a");
        Object b = new StringBuilder("b");
        marks.add(a, M);
        marks.add(b, Mark.of(new Source(MarkHooks.SRC_HEADER, "h")));
        assertEquals(2, marks.unionOf(new Object[] {a, null, new Object(), b}).sources().size());
        assertNull(marks.unionOf(new Object[] {new Object(), null}), "no part is marked");
    }
}
