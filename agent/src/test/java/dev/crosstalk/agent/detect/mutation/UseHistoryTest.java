package dev.crosstalk.agent.detect.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The judgement of {@link UseHistory} on scripted orders of calls: every pair of kinds in both
 * orders, with and without a common lock, read and write halves of a read-write lock, ended
 * requests, one thread, one request on two threads, and check-then-act.
 */
class UseHistoryTest {
    private static final int LOCK = 7;
    private static final int RW = 9;

    private final Set<Long> ended = new HashSet<>();
    private final UseHistory.Liveness liveness = tag -> !ended.contains((Long) tag);
    private final UseHistory history = new UseHistory();
    private long seq;

    private Use use(long request, long thread, int site, UseKind kind, LockSet locks) {
        return new Use(request, request, thread, "t" + thread, site, kind, locks, ++seq, Use.NO_KEY, false);
    }

    private Use keyed(long request, long thread, int site, UseKind kind, long key, boolean missing, LockSet locks) {
        return new Use(request, request, thread, "t" + thread, site, kind, locks, ++seq, key, missing);
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
        assertNull(history.record(a, liveness));
        Conflict c = history.record(use(2, 12, 200, second, LockSet.NONE), liveness);
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
        history.record(use(1, 11, 100, first, LockSet.exclusive(LOCK)), liveness);
        assertNull(history.record(use(2, 12, 200, second, LockSet.exclusive(3, LOCK)), liveness));
    }

    @ParameterizedTest(name = "{0} then {1}, lock held by one side only")
    @MethodSource("pairs")
    void aLockHeldByOneSideOnlyProtectsNothing(UseKind first, UseKind second, boolean conflict) {
        history.record(use(1, 11, 100, first, LockSet.exclusive(LOCK)), liveness);
        Conflict c = history.record(use(2, 12, 200, second, LockSet.NONE), liveness);
        assertEquals(conflict, c != null);
        history.record(use(3, 13, 300, first, LockSet.NONE), liveness);
        assertEquals(conflict, history.record(use(4, 14, 400, second, LockSet.exclusive(LOCK)), liveness) != null);
    }

    @Test
    void differentLocksProtectNothing() {
        history.record(use(1, 11, 100, UseKind.WRITE, LockSet.exclusive(1)), liveness);
        assertNotNull(history.record(use(2, 12, 200, UseKind.WRITE, LockSet.exclusive(2)), liveness));
    }

    @Test
    void readersUnderTheReadHalfAndWritersUnderTheWriteHalfAreKeptApart() {
        LockSet read = LockSet.of(new long[] {LockSet.entry(RW, true)}, 1);
        LockSet write = LockSet.of(new long[] {LockSet.entry(RW, false)}, 1);
        history.record(use(1, 11, 100, UseKind.READ, read), liveness);
        assertNull(history.record(use(2, 12, 200, UseKind.WRITE, write), liveness));
        assertNull(history.record(use(3, 13, 300, UseKind.ITERATE, read), liveness));
        assertNull(history.record(use(4, 14, 400, UseKind.WRITE, write), liveness));
    }

    @Test
    void writersUnderTheReadHalfOnlyAreNotKeptApart() {
        LockSet read = LockSet.of(new long[] {LockSet.entry(RW, true)}, 1);
        history.record(use(1, 11, 100, UseKind.WRITE, read), liveness);
        assertNotNull(history.record(use(2, 12, 200, UseKind.WRITE, read), liveness));
    }

    @Test
    void aReaderUnderTheReadHalfAndAWriterWithoutLockConflict() {
        LockSet read = LockSet.of(new long[] {LockSet.entry(RW, true)}, 1);
        history.record(use(1, 11, 100, UseKind.READ, read), liveness);
        assertNotNull(history.record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE), liveness));
    }

    @Test
    void anEndedRequestIsOrderedBeforeTheNextOne() {
        history.record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE), liveness);
        ended.add(1L);
        assertNull(history.record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE), liveness));
    }

    @Test
    void requestsOnOneThreadNeverConflict() {
        history.record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE), liveness);
        assertNull(history.record(use(2, 11, 200, UseKind.WRITE, LockSet.NONE), liveness));
    }

    @Test
    void oneRequestOnTwoThreadsNeverConflictsWithItself() {
        history.record(use(1, 11, 100, UseKind.WRITE, LockSet.NONE), liveness);
        assertNull(history.record(use(1, 12, 200, UseKind.WRITE, LockSet.NONE), liveness));
    }

    @Test
    void aWriteWhileAnotherRequestIteratesNamesTheIteration() {
        Use iterating = use(1, 11, 100, UseKind.ITERATE, LockSet.NONE);
        history.record(iterating, liveness);
        history.record(use(1, 11, 101, UseKind.READ, LockSet.NONE), liveness);
        Conflict c = history.record(use(2, 12, 200, UseKind.WRITE, LockSet.NONE), liveness);
        assertNotNull(c);
        assertSame(iterating, c.earlier);
    }

    @Test
    void checkThenActByTwoRequestsIsOneFindingWithBothLookupsAndStores() {
        long key = 42;
        Use checkA = keyed(1, 11, 14, UseKind.READ, key, true, LockSet.NONE);
        Use checkB = keyed(2, 12, 14, UseKind.READ, key, true, LockSet.NONE);
        assertNull(history.record(checkA, liveness));
        assertNull(history.record(checkB, liveness));
        Use storeA = keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.NONE);
        assertNull(history.record(storeA, liveness), "A's store waits: B may store the key too");
        Conflict c = history.record(keyed(2, 12, 16, UseKind.WRITE, key, false, LockSet.NONE), liveness);
        assertNotNull(c);
        assertEquals(Conflict.Kind.CHECK_THEN_ACT, c.kind);
        assertSame(checkA, c.earlier);
        assertSame(storeA, c.earlierStore);
        assertSame(checkB, c.laterCheck);
    }

    @Test
    void checkThenActIsFoundWhicheverRequestStoresFirst() {
        long key = 42;
        history.record(keyed(1, 11, 14, UseKind.READ, key, true, LockSet.NONE), liveness);
        history.record(keyed(2, 12, 14, UseKind.READ, key, true, LockSet.NONE), liveness);
        assertNull(history.record(keyed(2, 12, 16, UseKind.WRITE, key, false, LockSet.NONE), liveness));
        Conflict c = history.record(keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.NONE), liveness);
        assertEquals(Conflict.Kind.CHECK_THEN_ACT, c.kind);
        assertEquals(2, c.earlier.request);
    }

    @Test
    void checkThenActIsFoundWhenTheFirstStorerHasEndedBeforeTheSecondStores() {
        long key = 42;
        history.record(keyed(1, 11, 14, UseKind.READ, key, true, LockSet.NONE), liveness);
        history.record(keyed(2, 12, 14, UseKind.READ, key, true, LockSet.NONE), liveness);
        history.record(keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.NONE), liveness);
        ended.add(1L);
        Conflict c = history.record(keyed(2, 12, 16, UseKind.WRITE, key, false, LockSet.NONE), liveness);
        assertEquals(Conflict.Kind.CHECK_THEN_ACT, c.kind);
    }

    @Test
    void aLookupAfterTheOtherStoreFindsTheKeyAndIsNoCheckThenAct() {
        long key = 42;
        history.record(keyed(1, 11, 14, UseKind.READ, key, true, LockSet.exclusive(LOCK)), liveness);
        history.record(keyed(1, 11, 16, UseKind.WRITE, key, false, LockSet.exclusive(LOCK)), liveness);
        assertNull(history.record(keyed(2, 12, 14, UseKind.READ, key, false, LockSet.exclusive(LOCK)), liveness));
    }

    @Test
    void checkAndStoreOfDifferentKeysAreAPlainRace() {
        history.record(keyed(1, 11, 14, UseKind.READ, 1, true, LockSet.NONE), liveness);
        history.record(keyed(2, 12, 14, UseKind.READ, 2, true, LockSet.NONE), liveness);
        history.record(keyed(1, 11, 16, UseKind.WRITE, 1, false, LockSet.NONE), liveness);
        Conflict c = history.record(keyed(2, 12, 16, UseKind.WRITE, 2, false, LockSet.NONE), liveness);
        assertEquals(Conflict.Kind.RACE, c.kind);
    }

    @Test
    void checkThenActUnderOneLockHeldAcrossBothStepsIsQuiet() {
        long key = 42;
        LockSet l = LockSet.exclusive(LOCK);
        // The lock orders them: B looks only after A stored, and finds the key.
        history.record(keyed(1, 11, 14, UseKind.READ, key, true, l), liveness);
        history.record(keyed(1, 11, 16, UseKind.WRITE, key, false, l), liveness);
        assertNull(history.record(keyed(2, 12, 14, UseKind.READ, key, false, l), liveness));
        assertNull(history.record(keyed(2, 12, 20, UseKind.READ, 0, false, l), liveness));
    }

    @Test
    void historyIsBoundedAndForgetsTheOldestRequest() {
        for (int r = 1; r <= UseHistory.REQUESTS + 1; r++) {
            history.record(use(r, 11, 100, UseKind.READ, LockSet.NONE), liveness);
        }
        // Request 1 was forgotten to make room; request 2 is still remembered.
        Conflict c = history.record(use(99, 12, 200, UseKind.WRITE, LockSet.NONE), liveness);
        assertNotNull(c);
        assertTrue(c.earlier.request >= 2);
    }
}
