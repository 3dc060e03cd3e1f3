package dev.crosstalk.agent.state;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The locks one thread took during its current request, as the lock hooks saw them. Entries are
 * checked against the JDK when a set is taken ({@code Thread.holdsLock}, {@code
 * isHeldByCurrentThread}), so a release the hooks did not see (a synchronized method left by an
 * exception) cannot make a lock look held. Capped at {@value #CAP}; cleared when the request ends,
 * so lock objects are referenced only while a request of this thread runs.
 */
public final class HeldLocks {
    /** How many held locks are kept at most. */
    public static final int CAP = 16;
    /** An entry taken by {@code synchronized}. */
    public static final byte MONITOR = 1;
    /** An entry taken with {@code lock()} on a {@code java.util.concurrent} lock. */
    public static final byte LOCK = 2;

    private final Object[] locks = new Object[CAP];
    private final long[] entries = new long[CAP];
    private final byte[] how = new byte[CAP];
    private int size;

    /** {@code lock} was taken ({@code kind} {@link #MONITOR} or {@link #LOCK}); {@code entry} is its lock-set entry. */
    public void push(Object lock, long entry, byte kind) {
        if (size == CAP) {
            prune();
            if (size == CAP) {
                remove(0); // the oldest: the newest are the ones the coming calls run under
            }
        }
        locks[size] = lock;
        entries[size] = entry;
        how[size++] = kind;
    }

    /** Removes the latest entry of {@code lock} (reentrant locks have one per hold). */
    public void pop(Object lock) {
        for (int i = size - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                remove(i);
                return;
            }
        }
    }

    /** The locks still held, as checked against the JDK now. */
    public LockSet snapshot() {
        if (size == 0) {
            return LockSet.NONE;
        }
        prune();
        return LockSet.of(entries, size);
    }

    /** Whether the thread holds any lock the hooks saw it take, as checked against the JDK now. */
    public boolean any() {
        if (size == 0) {
            return false;
        }
        prune();
        return size > 0;
    }

    /** Forgets every entry (the request ended). */
    public void clear() {
        java.util.Arrays.fill(locks, 0, size, null);
        size = 0;
    }

    private void prune() {
        for (int i = size - 1; i >= 0; i--) {
            if (!held(locks[i], how[i])) {
                remove(i);
            }
        }
    }

    private static boolean held(Object lock, byte kind) {
        if (kind == MONITOR) {
            return Thread.holdsLock(lock);
        }
        if (lock instanceof ReentrantLock) {
            return ((ReentrantLock) lock).isHeldByCurrentThread();
        }
        if (lock instanceof ReentrantReadWriteLock.WriteLock) {
            return ((ReentrantReadWriteLock.WriteLock) lock).isHeldByCurrentThread();
        }
        return true; // a read half or another Lock: the JDK cannot tell; the unlock hook removes it
    }

    private void remove(int i) {
        System.arraycopy(locks, i + 1, locks, i, size - i - 1);
        System.arraycopy(entries, i + 1, entries, i, size - i - 1);
        System.arraycopy(how, i + 1, how, i, size - i - 1);
        locks[--size] = null;
    }
}
