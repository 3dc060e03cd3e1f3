package dev.crosstalk.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.WriteRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow and reset detectors judge state they are handed, with no agent, hooks or recorder. */
class DetectorsWithoutAgentTest {
    private final FindingRegistry findings = new FindingRegistry(100);
    private final SiteTable sites = new SiteTable(100);
    private final StaticField field = new FieldTable(100, false).field("com/acme/Cache", "last", "Ljava/lang/String;");
    private final Site writeSite = sites.get(sites.register("com.acme.Cache", "put", "Cache.java", 10, field, false));
    private final Site readSite = sites.get(sites.register("com.acme.Cache", "get", "Cache.java", 20, field, false));
    private final RequestContext alice = request(1, "GET /a");
    private final RequestContext bob = request(2, "GET /b");

    @Test
    void anotherRequestsValueReadIsAFlowAndTheWritersOwnReadIsQuiet() {
        StateCell cell = field.valueCell();
        cell.requestWrite(new WriteRecord(alice.info(), "t1", writeSite, 42L), false);
        Flows flows = new Flows(findings);

        flows.read(cell, readSite, alice, 42L, true);
        assertEquals(List.of(), findings.all(), "a request reading its own write");
        flows.read(cell, readSite, bob, 7L, true);
        assertEquals(List.of(), findings.all(), "a value the write did not leave");

        flows.read(cell, readSite, bob, 42L, true);
        assertEquals(1, findings.all().size());
        Finding f = findings.all().get(0);
        assertEquals(FindingType.CROSS_REQUEST_FLOW, f.type());
        assertEquals("com.acme.Cache.last", f.state());
        assertNotNull(f.writer());
        assertEquals(1, f.writer().requestId());
        assertEquals(2, f.reader().requestId());
    }

    @Test
    void aResetByAnotherRequestBetweenTwoReadsIsResetDuringUseAndOnesOwnResetIsQuiet() {
        Resets resets = new Resets(findings);
        resets.check(field, readSite, alice); // alice reads: sees the current epoch
        resets.reset(field, writeSite, alice);
        resets.check(field, readSite, alice);
        assertEquals(List.of(), findings.all(), "a request's own reset");

        resets.reset(field, writeSite, bob);
        resets.check(field, readSite, alice);
        assertEquals(1, findings.all().size());
        Finding f = findings.all().get(0);
        assertEquals(FindingType.RESET_DURING_USE, f.type());
        assertTrue(f.severity().compareTo(Severity.INFO) > 0, f.severity().toString());
        assertEquals(2, f.writer().requestId());
    }

    @Test
    void anEmptyContainerStoredOverAnotherIsAResetAndOverNothingOrItselfIsNot() {
        Resets resets = new Resets(findings);
        java.util.Map<String, String> before = new java.util.HashMap<>(java.util.Map.of("k", "v"));
        java.util.Map<String, String> empty = new java.util.HashMap<>();
        resets.check(field, readSite, alice);
        resets.emptyStored(field, writeSite, bob, null, empty);
        resets.emptyStored(field, writeSite, bob, empty, empty);
        resets.emptyStored(field, writeSite, null, before, empty);
        resets.check(field, readSite, alice);
        assertEquals(List.of(), findings.all(), "the first container, the same one again, start-up");

        resets.emptyStored(field, writeSite, bob, before, empty);
        resets.check(field, readSite, alice);
        assertEquals(1, findings.all().size());
        assertEquals(FindingType.RESET_DURING_USE, findings.all().get(0).type());
    }

    @Test
    void anAttributeSetToAnEmptyContainerIsAResetAndToAFullOneIsNot() {
        Resets resets = new Resets(findings);
        resets.check(field, readSite, alice);
        resets.attributeSet(field, writeSite, bob, new java.util.ArrayList<>(List.of("x")));
        resets.attributeSet(field, writeSite, null, new java.util.ArrayList<>());
        resets.check(field, readSite, alice);
        assertEquals(List.of(), findings.all(), "a full list replaces; start-up resets nobody");

        resets.attributeSet(field, writeSite, bob, new java.util.ArrayList<>());
        resets.check(field, readSite, alice);
        assertEquals(1, findings.all().size());
    }

    private static RequestContext request(long id, String label) {
        return new RequestContext(new RequestInfo(id, label, "t" + id, null));
    }
}
