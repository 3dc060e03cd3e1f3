package dev.crosstalk.agent.state;

import java.util.Arrays;

/**
 * What a thread knows of other threads' progress, or what a {@code volatile} field carries from its
 * writers to its readers (FastTrack's vector clocks): per thread id, the latest epoch known. A thread's
 * own epoch starts at 1 and moves on at each {@code volatile} write it makes, so a call it made at
 * epoch {@code e} happened before whatever another thread does once that thread {@link #knows}
 * {@code e}.
 *
 * <p>Capped at {@value #CAP} threads: knowledge past the cap is dropped, which can leave a pair
 * looking unordered (a race reported that an edge would have excused) but never orders two calls
 * that were not. A thread's own clock is touched by that thread only; a field's clock is joined
 * under its own monitor ({@link #releaseInto}, {@link #acquireFrom}).
 */
public final class VectorClock {
    static final int CAP = 1024;

    private long[] threads = new long[4];
    private long[] epochs = new long[4];
    private int size;

    /** A thread's own clock, at its first epoch. */
    public static VectorClock of(long thread) {
        VectorClock c = new VectorClock();
        c.raise(thread, 1);
        return c;
    }

    /** An empty clock: a {@code volatile} field nobody wrote yet. */
    public VectorClock() {
    }

    /** The latest epoch of {@code thread} this clock knows; 0 when none. */
    public long epochOf(long thread) {
        for (int i = 0; i < size; i++) {
            if (threads[i] == thread) {
                return epochs[i];
            }
        }
        return 0;
    }

    /** True when the call {@code thread} made at {@code epoch} happened before the holder of this clock goes on. */
    public boolean knows(long thread, long epoch) {
        return epochOf(thread) >= epoch;
    }

    /**
     * A {@code volatile} write by {@code thread} (whose clock this is) to a field with clock {@code field}:
     * the field now carries everything this thread knows, and the thread moves on to its next epoch.
     */
    public void releaseInto(VectorClock field, long thread) {
        synchronized (field) {
            field.join(this);
        }
        raise(thread, epochOf(thread) + 1);
    }

    /** A {@code volatile} read by the holder of this clock of a field with clock {@code field}. */
    public void acquireFrom(VectorClock field) {
        synchronized (field) {
            join(field);
        }
    }

    private void join(VectorClock other) {
        for (int i = 0; i < other.size; i++) {
            if (epochOf(other.threads[i]) < other.epochs[i]) {
                raise(other.threads[i], other.epochs[i]);
            }
        }
    }

    private void raise(long thread, long epoch) {
        for (int i = 0; i < size; i++) {
            if (threads[i] == thread) {
                epochs[i] = Math.max(epochs[i], epoch);
                return;
            }
        }
        if (size == CAP) {
            return;
        }
        if (size == threads.length) {
            threads = Arrays.copyOf(threads, size * 2);
            epochs = Arrays.copyOf(epochs, size * 2);
        }
        threads[size] = thread;
        epochs[size++] = epoch;
    }
}
