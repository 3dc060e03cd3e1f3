package dev.crosstalk.agent.detect.mutation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.state.LockSet;
import dev.crosstalk.agent.state.VectorClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request's called histories forget its calls when it ends, also those of calls made after it
 * ended (a task it handed on, still running), which found the list emptied to nothing.
 */
class CalledHistoriesTest {
    private static final long REQUEST = 1;
    private static final long THREAD = 11;
    private final VectorClock clock = VectorClock.of(THREAD);
    private long seq;

    private UseHistory called(CalledHistories calls) {
        UseHistory h = new UseHistory();
        h.record(new Use(REQUEST, REQUEST, THREAD, "t", 100, UseKind.WRITE, LockSet.NONE, ++seq,
                clock.epochOf(THREAD), Use.NO_KEY, false), tag -> true, clock);
        calls.add(h);
        return h;
    }

    @Test
    void callsAfterTheRequestEndedAreKeptAndForgottenAtItsNextEnd() {
        CalledHistories calls = new CalledHistories();
        UseHistory during = called(calls);
        calls.ended(REQUEST);
        assertTrue(during.isEmpty(), "forgotten when the request ended");

        List<UseHistory> after = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            after.add(called(calls)); // grows from the emptied list, past its first size
        }
        assertTrue(after.stream().noneMatch(UseHistory::isEmpty), "remembered meanwhile");
        calls.ended(REQUEST);
        assertTrue(after.stream().allMatch(UseHistory::isEmpty), "each forgotten at the next end");
    }

    @Test
    void atMostCapHistoriesAreKept() {
        CalledHistories calls = new CalledHistories();
        List<UseHistory> all = new ArrayList<>();
        for (int i = 0; i < CalledHistories.CAP + 3; i++) {
            all.add(called(calls));
        }
        calls.ended(REQUEST);
        assertTrue(all.subList(0, CalledHistories.CAP).stream().allMatch(UseHistory::isEmpty));
        assertFalse(all.get(CalledHistories.CAP).isEmpty(), "past the cap: left to its own next call");
    }
}
