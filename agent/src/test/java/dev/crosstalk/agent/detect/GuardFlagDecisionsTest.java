package dev.crosstalk.agent.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import org.junit.jupiter.api.Test;

/**
 * Which writes say "ready" and open a guard window, asked of {@link GuardFlags} directly with a real
 * {@link Publications} and no agent: booleans set true, sentinels, and versions bumped before the
 * state they version is emptied; and the look-alikes that must open nothing.
 */
class GuardFlagDecisionsTest {
    private final FieldTable fields = new FieldTable(100, false);
    private final SiteTable sites = new SiteTable(100);
    private final Publications publications = new Publications(new FindingRegistry(100));
    private final GuardFlags guards = new GuardFlags(publications, fields, new dev.crosstalk.agent.state.Reachability(100));
    private final ThreadState ts = new ThreadState();
    private final RequestContext request = new RequestContext(new RequestInfo(1, "GET /reload", "t1", null));

    private final StaticField loaded = fields.field("com/acme/Rates", "loaded", "Z");
    private final StaticField state = fields.field("com/acme/Rates", "state", "Ljava/lang/Object;");
    private final StaticField version = fields.field("com/acme/Rates", "version", "I");
    private final StaticField count = fields.field("com/acme/Rates", "count", "J");
    private final StaticField name = fields.field("com/acme/Rates", "name", "Ljava/lang/String;");

    enum Phase { READY }

    @Test
    void aStaticBooleanSetTrueOpensAWindowAndSetFalseDoesNot() {
        guards.written(loaded, site(loaded, "load", 1, false), ts, request, false, null, 0L, null);
        assertFalse(publications.anyOpen(), "loaded = false");
        guards.written(loaded, site(loaded, "load", 1, false), ts, request, false, null, 1L, null);
        assertTrue(publications.anyOpen(), "loaded = true");
    }

    @Test
    void anObjectsBooleanSetWithoutACheckFirstIsNotAFlag() {
        guards.written(loaded, site(loaded, "load", 1, false), ts, request, false, null, 1L, new Object());
        assertFalse(publications.anyOpen(), "running = true is an object's state, not a guard it checked first");
    }

    @Test
    void aWriteInNoKnownMethodOpensNothing() {
        guards.written(loaded, site(loaded, "load", 0, false), ts, request, false, null, 1L, null);
        assertFalse(publications.anyOpen(), "no method exit would close it");
    }

    @Test
    void sentinelsSayReadyAndStringsNumbersAndPublishedStateDoNot() {
        assertTrue(GuardFlags.saysReady(state, 0L, false, Boolean.TRUE, true));
        assertTrue(GuardFlags.saysReady(state, 0L, false, Phase.READY, true));
        assertTrue(GuardFlags.saysReady(state, 0L, false, new Object(), true));
        assertFalse(GuardFlags.saysReady(state, 0L, false, Boolean.FALSE, true));
        assertFalse(GuardFlags.saysReady(name, 0L, false, "ready", true), "a request's name, judged as a flow");
        assertFalse(GuardFlags.saysReady(state, 0L, false, Integer.valueOf(1), true));
        assertFalse(GuardFlags.saysReady(state, 0L, true, new Object(), true), "a published struct is filled, not a flag");
        assertFalse(GuardFlags.saysReady(state, 0L, false, null, true));
        assertFalse(GuardFlags.saysReady(version, 1L, false, null, true), "an int stored whole is data");
        assertFalse(GuardFlags.saysReady(state, 0L, false, Phase.READY, false), "an object's enum field is its life-cycle");
    }

    @Test
    void wholeNumbersIncrementedInPlaceAreVersionsAndNothingElseIs() {
        assertTrue(GuardFlags.isVersionBump(version, site(version, "reload", 1, true)));
        assertTrue(GuardFlags.isVersionBump(count, site(count, "reload", 1, true)));
        assertFalse(GuardFlags.isVersionBump(version, site(version, "reload", 1, false)), "version = 3");
        assertFalse(GuardFlags.isVersionBump(loaded, site(loaded, "reload", 1, true)), "a boolean toggled");
        assertFalse(GuardFlags.isVersionBump(state, site(state, "reload", 1, true)));
    }

    @Test
    void aVersionBumpedThenStateEmptiedInTheSameMethodOpensAWindow() {
        guards.written(version, site(version, "reload", 1, true), ts, request, false, null, 4L, null);
        assertFalse(publications.anyOpen(), "a counter alone opens nothing");
        guards.emptied(ts, site(null, "reload", 1, false), request);
        assertTrue(publications.anyOpen(), "version++; RATES.clear()");
    }

    @Test
    void aCounterBumpedBeforeStateEmptiedElsewhereOrByAnotherRequestOpensNothing() {
        guards.written(version, site(version, "count", 1, true), ts, request, false, null, 4L, null);
        guards.emptied(ts, site(null, "reload", 2, false), request);
        assertFalse(publications.anyOpen(), "emptied in another method");

        guards.written(version, site(version, "reload", 1, true), ts, request, false, null, 5L, null);
        guards.emptied(ts, site(null, "reload", 1, false),
                new RequestContext(new RequestInfo(2, "GET /other", "t1", null)));
        assertFalse(publications.anyOpen(), "emptied by another request");

        guards.emptied(ts, site(null, "reload", 1, false), request);
        assertFalse(publications.anyOpen(), "a bump is used up by the first emptying after it");
    }

    private Site site(StaticField field, String method, int methodId, boolean readModifyWrite) {
        return sites.get(sites.register("com.acme.Rates", method, "Rates.java", 10, field, readModifyWrite, null,
                methodId));
    }
}
