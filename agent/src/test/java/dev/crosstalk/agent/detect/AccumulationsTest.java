package dev.crosstalk.agent.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.WriteRecord;
import dev.crosstalk.bootstrap.ContainerOp;
import org.junit.jupiter.api.Test;

/** What counts as an accumulation, asked directly: counters, aggregates and refills, with no agent. */
class AccumulationsTest {
    private final FieldTable fields = new FieldTable(100, false);
    private final SiteTable sites = new SiteTable(100);
    private final StaticField total = fields.field("com/acme/Stats", "total", "J");
    private final StaticField cache = fields.field("com/acme/Cache", "BY_ID", "Ljava/util/Map;");
    private final RequestContext request = new RequestContext(new RequestInfo(1, "GET /a", "t1", null));

    @Test
    void aValueWrittenInOneReadModifyWriteExpressionOrAfterAReadAccumulates() {
        Site increment = site(total, true);
        Site assign = site(total, false);
        StateCell cell = total.valueCell();

        assertTrue(Accumulations.ofValue(increment, request, cell), "total++ reads and writes at one site");
        assertFalse(Accumulations.ofValue(assign, request, cell), "total = x, nothing read before");
        request.remember(cell, RequestContext.READ_PRESENT);
        assertTrue(Accumulations.ofValue(assign, request, cell), "total = total + x over two statements");
        assertFalse(Accumulations.ofValue(assign, fresh(), cell), "another request's read is not this one's");
    }

    @Test
    void aMergeAlwaysAccumulatesAPutOnlyAfterAReadOfItsKeyAndAPutIfAbsentNever() {
        StateCell key = cache.keyCell("alice");
        StateCell other = cache.keyCell("bob");
        assertTrue(Accumulations.ofKey(ContainerOp.MERGE, request, key));
        assertFalse(Accumulations.ofKey(ContainerOp.PUT, request, key), "a put of a key never read");
        assertFalse(Accumulations.ofKey(ContainerOp.PUT_IF_ABSENT, request, key));

        request.remember(key, RequestContext.READ_PRESENT);
        assertTrue(Accumulations.ofKey(ContainerOp.PUT, request, key), "get, then put back: an update");
        assertFalse(Accumulations.ofKey(ContainerOp.PUT, request, other), "the read was of another key");
        assertFalse(Accumulations.ofKey(ContainerOp.PUT_IF_ABSENT, request, key), "fills an empty key only");
        assertFalse(Accumulations.ofKey(ContainerOp.PUT, null, key), "outside requests");
        assertTrue(Accumulations.ofKey(ContainerOp.MERGE, null, key));
    }

    @Test
    void anIndexSetAccumulatesAfterAReadOfTheContents() {
        StateCell contents = cache.contentsCell();
        assertFalse(Accumulations.ofIndexSet(request, contents));
        assertFalse(Accumulations.ofIndexSet(null, contents));
        request.remember(contents, RequestContext.READ_PRESENT);
        assertTrue(Accumulations.ofIndexSet(request, contents));
    }

    @Test
    void anAddAccumulatesUnlessTheSameRequestClearedTheCollectionFirst() {
        StateCell contents = cache.contentsCell();
        assertTrue(Accumulations.ofAdd(request, contents), "every request adds to the same list");
        assertTrue(Accumulations.ofAdd(null, contents), "start-up adds");
        request.remember(contents, RequestContext.READ_PRESENT);
        assertTrue(Accumulations.ofAdd(request, contents), "a read does not make an add a refill");
        request.remember(contents, RequestContext.RESET);
        assertFalse(Accumulations.ofAdd(request, contents), "clear, then add: this request's own contents");
        assertTrue(Accumulations.ofAdd(fresh(), contents), "another request's reset is not this one's");
        assertFalse(Accumulations.COPIED_ENTRY, "a putAll entry replaces what its key held");
    }

    @Test
    void accumulatedWritesByTwoRequestsDoNotDivergeAndPlainOnesDo() {
        StateCell counted = cache.keyCell("hits");
        StateCell overwritten = cache.keyCell("last");
        Site put = site(cache, false);
        RequestContext other = fresh();
        for (RequestContext r : new RequestContext[] {request, other}) {
            r.remember(counted, RequestContext.READ_PRESENT);
            counted.requestWrite(new WriteRecord(r.info(), "t", put, r.info().id()),
                    Accumulations.ofKey(ContainerOp.PUT, r, counted));
            overwritten.requestWrite(new WriteRecord(r.info(), "t", put, r.info().id()),
                    Accumulations.ofKey(ContainerOp.PUT, r, overwritten));
        }
        assertTrue(counted.accumulated());
        assertFalse(counted.diverged());
        assertFalse(overwritten.accumulated());
        assertTrue(overwritten.diverged());
    }

    private Site site(StaticField field, boolean readModifyWrite) {
        return sites.get(sites.register("com.acme.Stats", "record", "Stats.java", 10, field, readModifyWrite));
    }

    private static RequestContext fresh() {
        return new RequestContext(new RequestInfo(2, "GET /b", "t2", null));
    }
}
