package dev.crosstalk.agent;

import dev.crosstalk.bootstrap.ContainerOp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.instrument.AccessTransformer;
import dev.crosstalk.agent.instrument.ClassFilter;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.runtime.Recorder;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.bootstrap.Hooks;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The closing summary line and the report's counters say what the caps dropped, with counts, and
 * keep the form the end-to-end tests parse.
 */
class SummaryLineTest {
    /** The form {@code E2e.SUMMARY} parses. */
    private static final Pattern SUMMARY = Pattern.compile("crosstalk: (\\d+) findings \\((\\d+) error, (\\d+) warning,"
            + " (\\d+) info\\) over (\\d+) requests; .*; (\\d+) agent errors");

    private final FindingRegistry findings = new FindingRegistry(1);
    private final SiteTable sites = new SiteTable(3);
    private final FieldTable fields = new FieldTable(2, false, 10);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1, type -> false);
    private final AccessTransformer transformer = new AccessTransformer(new ClassFilter(List.of("fixtures"), List.of()),
            sites, fields, (c, e) -> {
            });

    @Test
    void nothingDroppedSaysNothingAboutDropping() {
        String line = Installer.summary(findings, recorder, transformer, sites, fields, "");
        assertTrue(SUMMARY.matcher(line).matches(), line);
        assertFalse(line.contains("dropped"), line);
        assertTrue(line.contains("; 0 classes instrumented, 0 fields, 0 sites, 0 containers tracked; "), line);
        Map<String, Object> c = Installer.counters(findings, recorder, transformer, sites, fields);
        for (String key : List.of("dropped", "classesNotInstrumented", "droppedKeyAccesses", "containersNotTracked")) {
            assertEquals(0L, ((Number) c.get(key)).longValue(), key + " in " + c);
        }
    }

    @Test
    void everyCapReachedIsNamedWithItsCount() throws Exception {
        byte[] flows;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("fixtures/statics/Flows.class")) {
            flows = in.readAllBytes();
        }
        StaticField a = fields.field("com/acme/A", "MAP", "Ljava/util/Map;");
        StaticField b = fields.field("com/acme/B", "MAP", "Ljava/util/Map;");
        assertNotNull(a);
        assertNotNull(b);
        int readA = sites.register("com.acme.A", "get", "A.java", 1, a, false);
        int readB = sites.register("com.acme.B", "get", "B.java", 1, b, false);
        int put = sites.register("com.acme.A", "put", "A.java", 2, null, false);
        // The three sites fill the site table: classes are no longer instrumented.
        assertNull(transformer.instrument(flows));
        assertNull(transformer.instrument(flows));

        // Two containers, room for one; three keys in the tracked one, room for two.
        Map<String, String> mapA = new HashMap<>();
        Object request = recorder.requestEnter("test#run", Hooks.KIND_ENTRY_METHOD, 0);
        recorder.staticRead(readA, mapA);
        recorder.staticRead(readB, new HashMap<>());
        for (String k : List.of("k1", "k2", "k3", "k3")) {
            recorder.containerOp(put, ContainerOp.PUT, mapA, k, "v");
        }
        recorder.requestExit(request);

        // Room for one finding; the second is counted at each occurrence.
        for (String fp : List.of("ct1-0000000000000001", "ct1-0000000000000002", "ct1-0000000000000002")) {
            findings.record(fp, () -> new Finding(FindingType.CROSS_REQUEST_FLOW, Severity.ERROR, "com.acme.A.x", fp,
                    "m", evidence(), evidence(), null));
        }

        String line = Installer.summary(findings, recorder, transformer, sites, fields, "");
        assertTrue(SUMMARY.matcher(line).matches(), line);
        assertTrue(line.startsWith("crosstalk: 1 findings (1 error, 0 warning, 0 info) over 1 requests; "), line);
        assertTrue(line.endsWith("; dropped (caps reached): 2 classes left uninstrumented (max-sites),"
                + " 2 key accesses past max-keys (tracked per container, not per key),"
                + " 1 containers not tracked (max-containers),"
                + " 2 occurrences of findings not kept (max-findings); "
                + dev.crosstalk.bootstrap.Hooks.errors() + " agent errors"), line); // a JVM-wide count, shared with other tests

        Map<String, Object> c = Installer.counters(findings, recorder, transformer, sites, fields);
        assertEquals(2L, c.get("classesNotInstrumented"), c.toString());
        assertEquals(2L, c.get("droppedKeyAccesses"), c.toString());
        assertEquals(1L, c.get("containersNotTracked"), c.toString());
        assertEquals(2L, c.get("dropped"), c.toString());
        assertEquals(3, c.get("sites"), c.toString());
    }

    private static Evidence evidence() {
        return new Evidence(1, "GET /a", "t", null, "com.acme.A.get(A.java:1)", List.of());
    }
}
