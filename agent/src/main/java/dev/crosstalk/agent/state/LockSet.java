package dev.crosstalk.agent.state;

import java.util.Arrays;

/**
 * The locks a thread held at one call, by identity hash: monitors, {@code java.util.concurrent}
 * locks, and the two halves of a {@code ReadWriteLock} under the identity of the lock they belong to,
 * with the read half marked shared. Identities only: a set never keeps a lock alive. Two distinct
 * locks with one identity hash look common, which can hide a race but never invent one.
 */
public final class LockSet {
    /** No lock held. */
    public static final LockSet NONE = new LockSet(new long[0]);

    /** Each entry: identity hash in the high half, 1 in the low bit when held in shared (read) mode. */
    private final long[] entries;

    private LockSet(long[] entries) {
        this.entries = entries;
    }

    /** A set of {@code ids} held exclusively, for scripted tests and monitors. */
    public static LockSet exclusive(int... ids) {
        long[] e = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            e[i] = entry(ids[i], false);
        }
        return new LockSet(e);
    }

    /** The entry of the lock with identity hash {@code id}, held in shared (read) mode when {@code shared}. */
    public static long entry(int id, boolean shared) {
        return ((long) id << 32) | (shared ? 1L : 0L);
    }

    /** A set of entries made by {@link #entry}. */
    public static LockSet of(long[] entries, int count) {
        return count == 0 ? NONE : new LockSet(Arrays.copyOf(entries, count));
    }

    /** True when no lock is held. */
    public boolean isEmpty() {
        return entries.length == 0;
    }

    /**
     * True when a lock common to both keeps two calls, at least one of them mutating, apart: the same
     * lock, and not both holding only its shared (read) half.
     */
    public boolean excludes(LockSet other) {
        for (long a : entries) {
            for (long b : other.entries) {
                if ((a >>> 32) == (b >>> 32) && ((a & 1L) == 0 || (b & 1L) == 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many locks the set holds. */
    public int size() {
        return entries.length;
    }

    /** How many of them are held in shared (read) mode. */
    public int readLocks() {
        int shared = 0;
        for (long e : entries) {
            shared += (int) (e & 1L);
        }
        return shared;
    }
}
