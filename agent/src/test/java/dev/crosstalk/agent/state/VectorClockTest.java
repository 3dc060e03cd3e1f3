package dev.crosstalk.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** FastTrack's release and acquire on {@link VectorClock}: what a reader learns, and what it never does. */
class VectorClockTest {

    @Test
    void aThreadStartsAtItsFirstEpochAndMovesOnAtEachRelease() {
        VectorClock t = VectorClock.of(7);
        assertEquals(1, t.epochOf(7));
        t.releaseInto(new VectorClock(), 7);
        assertEquals(2, t.epochOf(7));
        assertEquals(0, t.epochOf(8), "nothing known of a thread never heard of");
    }

    @Test
    void aReaderLearnsTheWritersEpochsUpToTheReleaseAndNothingAfter() {
        VectorClock writer = VectorClock.of(1);
        VectorClock reader = VectorClock.of(2);
        VectorClock field = new VectorClock();
        writer.releaseInto(field, 1);
        reader.acquireFrom(field);
        assertTrue(reader.knows(1, 1), "the call before the release");
        assertFalse(reader.knows(1, 2), "the writer's calls after its release");
    }

    @Test
    void aFieldCarriesEveryWritersKnowledgeAndAJoinNeverLowersAnEpoch() {
        VectorClock a = VectorClock.of(1);
        VectorClock b = VectorClock.of(2);
        VectorClock field = new VectorClock();
        a.releaseInto(field, 1);
        a.releaseInto(field, 1);
        b.releaseInto(field, 2);
        VectorClock reader = VectorClock.of(3);
        reader.acquireFrom(field);
        assertEquals(2, reader.epochOf(1));
        assertEquals(1, reader.epochOf(2));
        VectorClock stale = new VectorClock();
        VectorClock.of(1).releaseInto(stale, 1);
        reader.acquireFrom(stale);
        assertEquals(2, reader.epochOf(1));
    }

    @Test
    void knowledgePastTheCapIsDroppedSoNothingIsOrderedThatWasNot() {
        VectorClock field = new VectorClock();
        for (long t = 1; t <= VectorClock.CAP + 5; t++) {
            VectorClock.of(t).releaseInto(field, t);
        }
        VectorClock reader = VectorClock.of(0);
        reader.acquireFrom(field);
        assertTrue(reader.knows(1, 1));
        assertFalse(reader.knows(VectorClock.CAP + 5, 1), "past the cap: unordered, never wrongly ordered");
    }
}
