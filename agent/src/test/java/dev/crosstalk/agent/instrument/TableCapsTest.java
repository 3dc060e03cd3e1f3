package dev.crosstalk.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The site and field tables are capped, so that an application generating classes without end cannot
 * grow the agent without end: once a table is full, classes are left exactly as they were (never
 * instrumented in part) and counted.
 */
class TableCapsTest {
    private static final ClassLoader LOADER = TableCapsTest.class.getClassLoader();
    private static final ClassFilter FIXTURES = new ClassFilter(List.of("fixtures"), List.of());

    private static AccessTransformer transformer(SiteTable sites, FieldTable fields) {
        return new AccessTransformer(FIXTURES, sites, fields, (c, e) -> fail("could not instrument " + c + ": " + e));
    }

    /** How many sites and fields instrumenting {@code simpleName} alone takes. */
    private static int[] needs(String simpleName) throws IOException {
        SiteTable sites = new SiteTable();
        FieldTable fields = new FieldTable(10, false);
        assertNotNull(transformer(sites, fields).instrument(bytes(simpleName)));
        return new int[] {sites.size(), fields.size()};
    }

    @Test
    void classNeedingMoreSitesThanAreLeftIsLeftWholeAndCounted() throws IOException {
        int[] flows = needs("Flows");
        assertTrue(flows[0] > 3, "Flows has many access sites: " + flows[0]);
        SiteTable sites = new SiteTable(flows[0] - 1);
        AccessTransformer t = transformer(sites, new FieldTable(10, false));

        assertNull(t.transform(LOADER, "fixtures/statics/Flows", null, null, bytes("Flows")),
                "one site short: the class stays as it was, not half instrumented");
        assertEquals(1, t.notInstrumentedCount());
        assertEquals(0, t.transformedCount());
        assertTrue(sites.full());
        assertNull(t.transform(LOADER, "fixtures/statics/Counter", null, null, bytes("Counter")),
                "once the table is full, later classes are left alone too");
        assertEquals(2, t.notInstrumentedCount());
        assertEquals(flows[0] - 1, sites.size(), "the table never grows past its cap");
    }

    @Test
    void classesAreInstrumentedUntilTheSiteCapThenNoMore() throws IOException {
        int counter = needs("Counter")[0];
        SiteTable sites = new SiteTable(counter);
        AccessTransformer t = transformer(sites, new FieldTable(10, false));

        assertNotNull(t.transform(LOADER, "fixtures/statics/Counter", null, null, bytes("Counter")),
                "exactly enough room for Counter");
        assertEquals(0, t.notInstrumentedCount());
        assertNull(t.transform(LOADER, "fixtures/statics/Primitives", null, null, bytes("Primitives")));
        assertEquals(1, t.transformedCount());
        assertEquals(1, t.notInstrumentedCount());
    }

    @Test
    void classDeclaringMoreFieldsThanFitIsLeftWholeAndCounted() throws IOException {
        int[] primitives = needs("Primitives");
        assertEquals(8, primitives[1], "one field per primitive type");
        FieldTable fields = new FieldTable(10, false, 5);
        StaticField known = fields.field("fixtures/statics/Known", "value", "I");
        AccessTransformer t = transformer(new SiteTable(), fields);

        assertNull(t.transform(LOADER, "fixtures/statics/Primitives", null, null, bytes("Primitives")));
        assertEquals(1, t.notInstrumentedCount());
        assertTrue(fields.full());
        assertEquals(5, fields.size(), "the table never grows past its cap");
        assertNull(fields.field("fixtures/statics/Other", "value", "I"), "no room for a new field");
        assertSame(known, fields.field("fixtures/statics/Known", "value", "I"), "known fields are still found");
        assertNull(fields.sessionAttribute("jakarta.servlet.http.HttpSession", "cart"), "nor for a session attribute");
        assertNull(t.transform(LOADER, "fixtures/statics/Counter", null, null, bytes("Counter")));
        assertEquals(2, t.notInstrumentedCount());
    }

    @Test
    void tablesWithRoomInstrumentAsBefore() throws IOException {
        AccessTransformer t = transformer(new SiteTable(), new FieldTable(10, false));
        for (String name : List.of("Flows", "Counter", "Primitives", "Containers")) {
            assertNotNull(t.transform(LOADER, "fixtures/statics/" + name, null, null, bytes(name)), name);
        }
        assertEquals(4, t.transformedCount());
        assertEquals(0, t.notInstrumentedCount());
        assertFalse(new SiteTable().full());
    }

    private static byte[] bytes(String simpleName) throws IOException {
        try (InputStream in = LOADER.getResourceAsStream("fixtures/statics/" + simpleName + ".class")) {
            assertNotNull(in, simpleName);
            return in.readAllBytes();
        }
    }
}
