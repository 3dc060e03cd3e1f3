package dev.crosstalk.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.WriteRecord;
import dev.crosstalk.agent.state.HeldLocks;
import dev.crosstalk.agent.state.LockSet;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.ContainerOp;
import org.junit.jupiter.api.AfterEach;
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
    void aCounterReadAfterHundredsOfOtherStatesIsStillAnAccumulation() {
        // a request through framework code (include=) reads hundreds of states before it counts
        Site assign = site(total, false);
        StaticField other = new FieldTable(10_000, false).field("com/acme/Framework", "lookups", "Ljava/util/Map;");
        for (int i = 0; i < 1_000; i++) {
            request.remember(other.keyCell("k" + i), RequestContext.READ_PRESENT);
        }
        request.remember(total.valueCell(), RequestContext.READ_PRESENT);
        assertTrue(Accumulations.ofValue(assign, request, total.valueCell()), "total = total + x, after 1,000 reads");
        assertTrue(request.did(other.keyCell("k0"), RequestContext.READ_PRESENT), "the first is still there");
        assertTrue(request.did(other.keyCell("k999"), RequestContext.READ_PRESENT));
        assertFalse(request.did(other.keyCell("k999"), RequestContext.RESET), "flags are kept per state");
        request.remember(other.keyCell("k500"), RequestContext.RESET);
        assertTrue(request.did(other.keyCell("k500"), RequestContext.RESET));
        assertTrue(request.did(other.keyCell("k500"), RequestContext.READ_PRESENT), "added to, not replaced");
        assertFalse(request.did(other.keyCell("never read"), RequestContext.READ_PRESENT));
    }

    @Test
    void whatARequestRemembersIsCapped() {
        StaticField other = new FieldTable(10_000, false).field("com/acme/Framework", "many", "Ljava/util/Map;");
        for (int i = 0; i < RequestContext.MAX_REMEMBERED + 10; i++) {
            request.remember(other.keyCell("k" + i), RequestContext.READ_PRESENT);
        }
        assertTrue(request.did(other.keyCell("k" + (RequestContext.MAX_REMEMBERED - 1)), RequestContext.READ_PRESENT));
        assertFalse(request.did(other.keyCell("k" + RequestContext.MAX_REMEMBERED), RequestContext.READ_PRESENT),
                "past the cap, nothing more is remembered");
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

    // A file's block buffer, kept for the position in the field beside it (Spring Boot's FileDataBlock).
    private final StaticField bufferPosition = fields.field("com/acme/BlockFile", "bufferPosition", "J");
    private final StaticField bufferSize = fields.field("com/acme/BlockFile", "bufferSize", "I");
    private final StaticField elsewhere = fields.field("com/acme/BlockFile$Cursor", "position", "J");
    private final Object lock = new Object();

    @AfterEach
    void holdNoLocks() {
        ThreadState.get().clear();
        ThreadState.get().locks.clear();
    }

    @Test
    void aReadHoldingALockOfAValueTheRequestDidNotWriteIsACheck() {
        ThreadState ts = ThreadState.get();
        StateCell position = bufferPosition.valueCell();
        assertEquals(RequestContext.READ_PRESENT, Accumulations.ofRead(position, request, ts), "no lock held");
        synchronized (lock) {
            held(ts);
            assertEquals(RequestContext.READ_PRESENT | RequestContext.CHECKED, Accumulations.ofRead(position, request, ts),
                    "nothing written yet: start-up's value");
            position.requestWrite(new WriteRecord(fresh().info(), "t2", site(bufferPosition, false), 7), false);
            assertEquals(RequestContext.READ_PRESENT | RequestContext.CHECKED, Accumulations.ofRead(position, request, ts),
                    "another request's value");
            position.requestWrite(new WriteRecord(request.info(), "t1", site(bufferPosition, false), 8), false);
            assertEquals(RequestContext.READ_PRESENT, Accumulations.ofRead(position, request, ts),
                    "its own write, read back: no check");
        }
        position.requestWrite(new WriteRecord(fresh().info(), "t2", site(bufferPosition, false), 9), false);
        assertEquals(RequestContext.READ_PRESENT, Accumulations.ofRead(position, request, ts),
                "released without the hooks seeing it: the JDK says no lock is held");
    }

    @Test
    void aPlainWriteHoldingALockAfterCheckingAFieldBesideItIsARefill() {
        ThreadState ts = ThreadState.get();
        synchronized (lock) {
            held(ts);
            assertNull(Accumulations.refillOf(bufferSize, request, ts), "nothing checked yet");
            request.remember(elsewhere.valueCell(), (byte) (RequestContext.READ_PRESENT | RequestContext.CHECKED));
            assertNull(Accumulations.refillOf(bufferSize, request, ts), "a field of another class");
            request.remember(bufferSize.valueCell(), (byte) (RequestContext.READ_PRESENT | RequestContext.CHECKED));
            assertNull(Accumulations.refillOf(bufferSize, request, ts), "the field itself: an accumulation's business");
            RequestContext readBack = fresh();
            readBack.remember(bufferPosition.valueCell(), RequestContext.READ_PRESENT);
            assertNull(Accumulations.refillOf(bufferSize, readBack, ts), "read, but not as a check");
            request.remember(bufferPosition.valueCell(), (byte) (RequestContext.READ_PRESENT | RequestContext.CHECKED));
            assertEquals(bufferPosition, Accumulations.refillOf(bufferSize, request, ts));
        }
        assertNull(Accumulations.refillOf(bufferSize, request, ts), "written without holding a lock");
    }

    @Test
    void refillsByTwoRequestsDoNotDivergeAndNameTheFieldChecked() {
        StateCell size = bufferSize.valueCell();
        Site fill = site(bufferSize, false);
        size.requestWrite(new WriteRecord(request.info(), "t1", fill, 10_240), false);
        RequestContext other = fresh();
        size.requestWrite(new WriteRecord(other.info(), "t2", fill, 512), false, bufferPosition, true);
        assertFalse(size.diverged(), "the second wrote after checking the position, and wrote the position");
        assertFalse(size.accumulated());
        assertEquals("com.acme.BlockFile.bufferPosition", size.refilledAfter());
    }

    @Test
    void aWriteAfterACheckWaitsForItsKeyAndIsPlainWhenTheRequestEndsWithoutWritingIt() {
        StateCell size = bufferSize.valueCell();
        Site fill = site(bufferSize, false);
        size.requestWrite(new WriteRecord(request.info(), "t1", fill, 10_240), false);

        RequestContext refill = fresh();
        size.requestWrite(new WriteRecord(refill.info(), "t2", fill, 512), false, bufferPosition, false);
        refill.remember(size, RequestContext.PENDING);
        assertFalse(size.diverged(), "waiting for its key");
        Accumulations.written(bufferPosition, refill, false);
        Accumulations.requestEnded(refill);
        assertFalse(size.diverged(), "the position written after the size: a refill");
        assertEquals("com.acme.BlockFile.bufferPosition", size.refilledAfter());

        RequestContext started = new RequestContext(new RequestInfo(3, "GET /c", "t3", null));
        size.requestWrite(new WriteRecord(started.info(), "t3", fill, 100), false, bufferPosition, false);
        started.remember(size, RequestContext.PENDING);
        Accumulations.written(elsewhere, started, false);
        assertFalse(size.diverged(), "another field written: still waiting");
        Accumulations.requestEnded(started);
        assertTrue(size.diverged(), "ended without writing what it checked (a lazily set flag): a plain write");
    }

    @Test
    void aKeyWrittenAfterItsCheckIsNotedForTheValueWrittenNext() {
        request.remember(bufferPosition.valueCell(), (byte) (RequestContext.READ_PRESENT | RequestContext.CHECKED));
        Accumulations.written(bufferPosition, request, false);
        assertTrue(request.did(bufferPosition.valueCell(), RequestContext.WRITTEN));
        Accumulations.written(bufferSize, request, false);
        assertFalse(request.did(bufferSize.valueCell(), RequestContext.WRITTEN), "never checked: nothing to note");
    }

    @Test
    void fieldsBesideEachOtherAreThoseOfOneClass() {
        assertTrue(bufferSize.besides(bufferPosition));
        assertTrue(bufferPosition.besides(bufferSize));
        assertFalse(bufferSize.besides(bufferSize), "not itself");
        assertFalse(bufferSize.besides(elsewhere), "a nested class is another class");
        assertFalse(elsewhere.besides(bufferSize));
        assertFalse(bufferSize.besides(total));
    }

    /** The hooks saw this thread take {@link #lock}, which it holds. */
    private void held(ThreadState ts) {
        ts.locks.push(lock, LockSet.entry(System.identityHashCode(lock), false), HeldLocks.MONITOR);
    }

    private Site site(StaticField field, boolean readModifyWrite) {
        return sites.get(sites.register("com.acme.Stats", "record", "Stats.java", 10, field, readModifyWrite));
    }

    private static RequestContext fresh() {
        return new RequestContext(new RequestInfo(2, "GET /b", "t2", null));
    }
}
