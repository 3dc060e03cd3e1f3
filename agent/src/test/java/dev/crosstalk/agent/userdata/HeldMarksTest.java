package dev.crosstalk.agent.userdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.crosstalk.bootstrap.MarkHooks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Objects built from marked values carry their marks when written into shared state: records, plain
 * objects, JDK lists, maps and arrays, one level below them too; objects of constants or of other
 * requests' values do not.
 */
class HeldMarksTest {
    /** A value object as a record would hold it (the agent's tests compile for Java 11). */
    static final class Greeting {
        private final String name;
        private final Locale locale;

        Greeting(String name, Locale locale) {
            this.name = name;
            this.locale = locale;
        }
    }

    /** A DTO as a team without records writes it, with a superclass holding part of it. */
    static class Base {
        Object owner;
    }

    static final class Statement extends Base {
        String month;
        int total;
    }

    static final class Page {
        private final String title;
        private final List<String> items;

        Page(String title, List<String> items) {
            this.title = title;
            this.items = items;
        }
    }

    static final class Box {
        private final Object inside;

        Box(Object inside) {
            this.inside = inside;
        }
    }

    private final RequestMarks marks = new RequestMarks();
    private final String user = new String("alice");
    private final String language = new String("de-DE");

    HeldMarksTest() {
        marks.add(user, Mark.of(new Source(MarkHooks.SRC_PRINCIPAL, null)));
        marks.add(language, Mark.of(new Source(MarkHooks.SRC_HEADER, "Accept-Language")));
    }

    @Test
    void aRecordOrObjectHoldingAMarkedValueCarriesItsMark() {
        Greeting g = new Greeting(user, Locale.GERMANY);
        assertEquals("the principal", HeldMarks.of(marks, g).describe());
        assertSame(HeldMarks.of(marks, g), marks.get(g), "the object keeps the mark for the rest of the request");
        Statement s = new Statement();
        s.month = "2026-11";
        s.owner = user;
        assertEquals("the principal", HeldMarks.of(marks, s).describe(), "a field of the superclass counts");
    }

    @Test
    void listsMapsAndArraysFilledWithMarkedValuesCarryTheirMarks() {
        assertEquals("the principal", HeldMarks.of(marks, List.of("inbox", user)).describe());
        List<Object> items = new ArrayList<>();
        items.add("inbox");
        items.add(language);
        assertEquals("the header `Accept-Language`", HeldMarks.of(marks, items).describe());
        Map<String, Object> model = new HashMap<>();
        model.put("lang", language);
        model.put("name", user);
        assertEquals(Set.of(marks.get(user).sources().get(0), marks.get(language).sources().get(0)),
                Set.copyOf(HeldMarks.of(marks, model).sources()), "both inputs, in the map's order");
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        seen.put(user, true);
        assertEquals("the principal", HeldMarks.of(marks, seen).describe(), "a map keyed by the user's name");
        assertEquals("the principal", HeldMarks.of(marks, new Object[] {"x", user}).describe());
    }

    @Test
    void oneLevelBelowIsFollowedButNoDeeper() {
        assertEquals("the principal", HeldMarks.of(marks, new Page("home", List.of(user))).describe(),
                "a record holding a list of marked names");
        assertEquals("the principal", HeldMarks.of(marks, new Box(new Box(user))).describe());
        assertNull(HeldMarks.of(marks, new Box(new Box(new Box(user)))), "three levels down is not looked at");
    }

    @Test
    void objectsOfConstantsOrOfUnmarkedValuesCarryNothing() {
        assertNull(HeldMarks.of(marks, new Greeting("guest", Locale.ROOT)));
        assertNull(HeldMarks.of(marks, new Greeting(new String("alice"), Locale.ROOT)),
                "an equal name another request computed is not this request's input");
        assertNull(HeldMarks.of(marks, List.of("a", "b")));
        assertNull(HeldMarks.of(marks, new HashMap<>(Map.of("k", 1))));
        assertNull(HeldMarks.of(marks, Locale.GERMANY), "a JDK object that is not a container is not looked into");
        assertNull(HeldMarks.of(marks, new int[] {1, 2}));
    }

    @Test
    void anInputObjectMarksWhatItHoldsOneLevelDown() {
        Mark argument = Mark.of(new Source(MarkHooks.SRC_ARGUMENT, "0"));
        String customer = new String("c-100");
        Box nested = new Box(customer);
        Page message = new Page("order", List.of("x"));
        Box order = new Box(customer);
        HeldMarks.spread(marks, order, argument);
        assertSame(argument, marks.get(order));
        assertSame(argument, marks.get(customer), "the customer read from the message is the input too");
        HeldMarks.spread(marks, new Box(nested), argument);
        assertSame(argument, marks.get(nested));
        String deeper = new String("deeper");
        HeldMarks.spread(marks, new Box(new Box(deeper)), argument);
        assertNull(marks.get(deeper), "two levels down is not marked");
        HeldMarks.spread(marks, message, argument);
        assertSame(argument, marks.get(message.items), "a list it holds, not the list's elements");
    }

    @Test
    void atMostTheBudgetOfMembersIsLookedAt() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < HeldMarks.BUDGET - 1; i++) {
            many.add("item " + i);
        }
        List<String> lastWithin = new ArrayList<>(many);
        lastWithin.add(user);
        assertEquals("the principal", HeldMarks.of(marks, lastWithin).describe());
        many.add("one more");
        many.add(user);
        assertNull(HeldMarks.of(marks, many), "the marked element is past the budget");
    }
}
