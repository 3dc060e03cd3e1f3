package dev.crosstalk.agent.detect.mutation;

import dev.crosstalk.agent.state.LockSet;
import dev.crosstalk.agent.state.VectorClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The judgement of {@link UseHistory} on scripted orders of calls: every pair of kinds in both
 * orders, with and without a common lock, with and without a happens-before edge through a
 * {@code volatile} field, read and write halves of a read-write lock, ended requests, one thread,
 * one request on two threads, and check-then-act.
 */
class UseHistoryTest {
    private static final int LOCK = 7;
    private static final int RW = 9;

    private final Set<Long> ended = new HashSet<>();
    private final UseHistory.Liveness liveness = tag -> !ended.contains((Long) tag);
    private final UseHistory history = new UseHistory();
    private long seq;
    /** Each scripted thread's clock, by thread id: what it knows through volatile fields. */
    private final Map<Long, VectorClock> clocks = new HashMap<>();

    private VectorClock clock(long thread) {
        return clocks.computeIfAbsent(thread, VectorClock::of);
    }

    private Use use(long request, long thread, int site, UseKind kind, LockSet locks) {
        return keyed(request, thread, site, kind, Use.NO_KEY, false, locks);
    }

    private Use keyed(long request, long thread, int site, UseKind kind, long key, boolean missing, LockSet locks) {
        return new Use(request, request, thread, "t" + thread, site, kind, locks, ++seq, clock(thread).epochOf(thread),
                key, missing);
    }

    /** {@code use} judged as its own thread would: with that thread's clock. */
    private Conflict record(Use use) {
        return history.record(use, liveness, clock(use.thread));
    }

    /** Thread {@code thread} writes the volatile field {@code field}. */
    private void release(long thread, VectorClock field) {
        clock(thread).releaseInto(field, thread);
    }

    /** Thread {@code thread} reads the volatile field {@code field}. */
    private void acquire(long thread, VectorClock field) {
        clock(thread).acquireFrom(field);
    }

    static List<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (UseKind first : UseKind.values()) {
            for (UseKind second : UseKind.values()) {
                out.add(Arguments.of(first, second, first == UseKind.WRITE || second == UseKind.WRITE));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} then {1}: conflict {2}")
    @MethodSource("pairs")
    void twoRequestsInFlightOnTwoThreadsWithoutLocksConflictWhenOneMutates(UseKind first, UseKind second,
            boolean conflict) {
        Use a = use(1, 11, 100, first, LockSet.NONE);
        assertNull(record(a));
        Conflict c = record(use(2, 12, 200, second, LockSet.NONE));
        if (!conflict) {
            assertNull(c);
            return;
        }
        assertNotNull(c);
        assertEquals(Conflict.Kind.RACE, c.kind);
        assertSame(a, c.earlier);
        assertEquals(200, c.later.site);
    }

    @ParameterizedTest(name = "{0} then {1} under one monitor")
    @MethodSource("pairs")
    void aCommonLockKeepsEveryPairApart(UseKind first, UseKind second, boolean ignored) {
        record(use(1, 11, 100, first, LockSet.exclusive(LOCK)));
        assertNull(record(use(2, 12, 200, second, LockSet.exclusive(3, LOCK))));
    }

    @ParameterizedTest(name = "{0} then {1}, lock held by one side only")
    @MethodSource("pairs")
    void aLockHeldByOneSideOnlyProtectsNothing(UseKind first, UseKind second, boolean conflict) {
        record(use(1, 11, 100, first, LockSet.exclusive(LOCK)));
        Conflict c = record(use(2, 12, 200, second, LockSet.NONE));
        assertEquals(conflict, c != null);
        record(use(3, 13, 300, first, LockSet.NONE));
        assertEquals(conflict, record(use(4, 14, 400, second, LockSet.exclusive(LOCK))) != null);
    }

    @Test
    void differentLocksProtectNothing() {
        record(use(1, 11, 100, UseKind.WRITE, LockSet.exclusive(1)));
        assertNotNull(record(use(2, 12, 200, UseKind.WRITE, LockSet.exclusive(2))));
    }

    @Test
    void readersUnderTheReadHalfAndWritersUnderTheWriteHalfAreKeptApart() {
        LockSet read = LockSet.of(new long[] {LockSet.entry(RW, true)}, 1);
        LockSet write = LockSet.of(new long[] {LockSet.entry(RW, false)}, 1);
        record(use(1, 11, 100, UseKind.READ, read));
        assertNull(record(use(2, 12, 200, UseKind.WRITE, write)));
        assertNull(record(use(3, 13, 300, UseKind.ITERATE, read)));
        assertNull(record(use(4, 14, 400, UseKind.WRITE, write)));
    }

    @Test
    void writersUnderTheReadHalfOnlyAreNotKeptApart() {
        LockSet read = LockSet.of(new long[] {LockSet.entry(RW, true)}, 1);
        record(use(1, 11, 100, UseKind.WRITE, read));
        assertNotNull(record(use(2, 12, 200, UseKind.WRITE, read)));
    }

    @Test
    void aReaderUnderTheReadHalfAndAWriterWithoutLockConflict() {
        LockSet read = LockSet.of(new long[] {LockSet.entry(RW, true)}, 1);
        record(use(1, 11, 100, UseKind.READ, read));
        assertNotNull(record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE)));
    }

    @Test
    void anEndedRequestIsOrderedBeforeTheNextOne() {
        record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE));
        ended.add(1L);
        assertNull(record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE)));
    }

    @Test
    void requestsOnOneThreadNeverConflict() {
        record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE));
        assertNull(record(use(2, 11, 200, UseKind.WRITE, LockSet.NONE)));
    }

    @Test
    void oneRequestOnTwoThreadsNeverConflictsWithItself() {
        record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE));
        assertNull(record(use(1, 12, 200, UseKind.WRITE, LockSet.NONE)));
    }

    @Test
    void aWriteWhileAnotherRequestIteratesNamesTheIteration() {
        Use iterating = use(1, 11, 100, UseKind.ITERATE, LockSet.NONE);
        record(iterating);
        record(use(1, 11, 101, UseKind.READ, LockSet.NONE));
        Conflict c = record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE));
        assertNotNull(c);
        assertSame(iterating, c.earlier);
    }

    @Test
    void checkThenActByTwoRequestsIsOneFindingWithBothLookupsAndStores() {
        long key = 42;
        Use checkA = keyed(1, 11, 14, UseKind.READ, key, true, LockSet.NONE);
        Use checkB = keyed(2, 12, 14, UseKind.READ, key, true, LockSet.NONE);
        assertNull(record(checkA));
        assertNull(record(checkB));
        Use storeA = keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.NONE);
        assertNull(record(storeA), "A's store waits: B may store the key too");
        Conflict c = record(keyed(2, 12, 16, UseKind.WRITE, key, false, LockSet.NONE));
        assertNotNull(c);
        assertEquals(Conflict.Kind.CHECK_THEN_ACT, c.kind);
        assertSame(checkA, c.earlier);
        assertSame(storeA, c.earlierStore);
        assertSame(checkB, c.laterCheck);
    }

    @Test
    void checkThenActIsFoundWhicheverRequestStoresFirst() {
        long key = 42;
        record(keyed(1, 11, 14, UseKind.READ, key, true, LockSet.NONE));
        record(keyed(2, 12, 14, UseKind.READ, key, true, LockSet.NONE));
        assertNull(record(keyed(2, 12, 16, UseKind.WRITE, key, false, LockSet.NONE)));
        Conflict c = record(keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.NONE));
        assertEquals(Conflict.Kind.CHECK_THEN_ACT, c.kind);
        assertEquals(2, c.earlier.request);
    }

    @Test
    void checkThenActIsFoundWhenTheFirstStorerHasEndedBeforeTheSecondStores() {
        long key = 42;
        record(keyed(1, 11, 14, UseKind.READ, key, true, LockSet.NONE));
        record(keyed(2, 12, 14, UseKind.READ, key, true, LockSet.NONE));
        record(keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.NONE));
        ended.add(1L);
        Conflict c = record(keyed(2, 12, 16, UseKind.WRITE, key, false, LockSet.NONE));
        assertEquals(Conflict.Kind.CHECK_THEN_ACT, c.kind);
    }

    @Test
    void aLookupAfterTheOtherStoreFindsTheKeyAndIsNoCheckThenAct() {
        long key = 42;
        record(keyed(1, 11, 14, UseKind.READ, key, true, LockSet.exclusive(LOCK)));
        record(keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.exclusive(LOCK)));
        assertNull(record(keyed(2, 12, 14, UseKind.READ, key, false, LockSet.exclusive(LOCK))));
    }

    @Test
    void checkAndStoreOfDifferentKeysAreAPlainRace() {
        record(keyed(1, 11, 14, UseKind.READ, 1, true, LockSet.NONE));
        record(keyed(2, 12, 14, UseKind.READ, 2, true, LockSet.NONE));
        record(keyed(1, 11, 16, UseKind.WRITE, 1, false, LockSet.NONE));
        Conflict c = record(keyed(2, 12, 16, UseKind.WRITE, 2, false, LockSet.NONE));
        assertEquals(Conflict.Kind.RACE, c.kind);
    }

    @Test
    void checkThenActUnderOneLockHeldAcrossBothStepsIsQuiet() {
        long key = 42;
        LockSet l = LockSet.exclusive(LOCK);
        // The lock orders them: B looks only after A stored, and finds the key.
        record(keyed(1, 11, 14, UseKind.READ, key, true, l));
        record(keyed(1, 11, 16, UseKind.WRITE, key, false, l));
        assertNull(record(keyed(2, 12, 14, UseKind.READ, key, false, l)));
        assertNull(record(keyed(2, 12, 20, UseKind.READ, 0, false, l)));
    }

    @Test
    void historyIsBoundedAndForgetsTheOldestRequest() {
        for (int r = 1; r <= UseHistory.REQUESTS + 1; r++) {
            record(use(r, 11, 100, UseKind.READ, LockSet.NONE));
        }
        // Request 1 was forgotten to make room; request 2 is still remembered.
        Conflict c = record(use(99, 12, 200, UseKind.WRITE, LockSet.NONE));
        assertNotNull(c);
        assertTrue(c.earlier.request >= 2);
    }

    @Test
    void callsOfEndedRequestsAreDroppedAtTheNextCall() {
        record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE));
        ended.add(1L);
        assertNull(record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE)), "an ended request conflicts with nothing");
        history.forget(2);
        assertTrue(history.isEmpty(), "request 1 dropped at request 2's call, request 2 by forget");
    }

    @Test
    void forgettingOneRequestKeepsTheOthersInFlight() {
        record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE));
        record(use(2, 12, 200, UseKind.READ, LockSet.NONE));
        history.forget(2);
        assertFalse(history.isEmpty());
        assertNotNull(record(use(3, 13, 300, UseKind.READ, LockSet.NONE)), "request 1's write still meets request 3");
    }

    @Test
    void aRequestsCallsOnEveryThreadAreForgottenWhenItEnds() throws InterruptedException {
        UseHistory taskSide = new UseHistory();
        CalledHistories called = new CalledHistories();
        record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE));
        called.add(history);
        // The request's task, on a thread of its own, calls into another object.
        Thread task = new Thread(() -> {
            taskSide.record(use(1, 21, 110, UseKind.WRITE, LockSet.NONE), liveness, clock(21));
            called.add(taskSide);
        });
        task.start();
        task.join();
        record(use(2, 12, 200, UseKind.READ, LockSet.NONE));
        called.ended(1);
        assertFalse(history.isEmpty(), "request 2, still in flight, is kept");
        assertTrue(taskSide.isEmpty(), "the task's call is forgotten with its request");
        history.forget(2);
        assertTrue(history.isEmpty());
    }

    /** How a volatile field stands between request 1's call (thread 11) and request 2's (thread 12). */
    enum Edge {
        WRITTEN_AFTER_THE_FIRST_CALL_AND_READ(true),
        WRITTEN_AND_READ_BEFORE_THE_FIRST_CALL(false),
        WRITTEN_NEVER_READ(false),
        ANOTHER_FIELD_READ(false),
        THE_WRONG_WAY(false);

        final boolean orders;

        Edge(boolean orders) {
            this.orders = orders;
        }
    }

    static List<Arguments> edges() {
        List<Arguments> out = new ArrayList<>();
        for (Arguments pair : pairs()) {
            for (Edge edge : Edge.values()) {
                Object[] p = pair.get();
                out.add(Arguments.of(p[0], p[1], edge, (Boolean) p[2] && !edge.orders));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} then {1}, {2}: conflict {3}")
    @MethodSource("edges")
    void aVolatileFieldOrdersAPairOnlyWhenWrittenAfterTheFirstCallAndReadBeforeTheSecond(UseKind first, UseKind second,
            Edge edge, boolean conflict) {
        VectorClock flag = new VectorClock();
        if (edge == Edge.WRITTEN_AND_READ_BEFORE_THE_FIRST_CALL) {
            release(11, flag);
            acquire(12, flag);
        }
        record(use(1, 11, 100, first, LockSet.NONE));
        switch (edge) {
            case WRITTEN_AFTER_THE_FIRST_CALL_AND_READ:
                release(11, flag);
                acquire(12, flag);
                break;
            case WRITTEN_NEVER_READ:
                release(11, flag);
                break;
            case ANOTHER_FIELD_READ:
                release(11, flag);
                acquire(12, new VectorClock());
                break;
            case THE_WRONG_WAY:
                release(12, flag);
                acquire(11, flag);
                break;
            default:
        }
        assertEquals(conflict, record(use(2, 12, 200, second, LockSet.NONE)) != null);
    }

    @Test
    void theFixedTwinFilledThenPublishedByAFlagWrittenLastIsQuietAndAFillAfterTheFlagIsNot() {
        VectorClock loaded = new VectorClock();
        record(use(1, 11, 100, UseKind.WRITE, LockSet.exclusive(LOCK)));
        record(use(1, 11, 101, UseKind.WRITE, LockSet.exclusive(LOCK)));
        release(11, loaded);
        acquire(12, loaded);
        assertNull(record(use(2, 12, 200, UseKind.READ, LockSet.NONE)), "filled, then the flag, then read");
        // The bug's order: the flag first, then a fill the reader's acquire cannot know about.
        Conflict c = record(use(1, 11, 102, UseKind.WRITE, LockSet.exclusive(LOCK)));
        assertNotNull(c);
        assertEquals(200, c.earlier.site);
    }

    @Test
    void edgesAreTransitiveThroughAThirdThread() {
        VectorClock first = new VectorClock();
        VectorClock second = new VectorClock();
        record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE));
        release(11, first);
        acquire(13, first);
        release(13, second);
        acquire(12, second);
        assertNull(record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE)));
    }

    @Test
    void anIterationPublishedByAFlagIsOrderedBeforeTheWriteThatReadsIt() {
        VectorClock done = new VectorClock();
        record(use(1, 11, 100, UseKind.ITERATE, LockSet.NONE));
        release(11, done);
        acquire(12, done);
        assertNull(record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE)));
    }
}
