package dev.crosstalk.testapps.mutation;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where two requests of one pair wait for each other, so that the interleaving a test needs happens
 * every time rather than by luck: both requests sit inside their use of the shared object at once.
 * A pair is named by the client ({@code pair=…}); each point of a pair is a two-party barrier. A
 * partner that never comes releases the other after a few seconds, and the test then fails on
 * what it sees, not by hanging.
 */
@ThreadSafe
final class Meet {
    private static final long TIMEOUT_SECONDS = 10;
    @ThreadSafe
    private static final ConcurrentHashMap<String, CyclicBarrier> POINTS = new ConcurrentHashMap<>();

    private Meet() {
    }

    /** Waits for the other request of {@code pair} at {@code point}; returns false when it did not come. */
    static boolean at(String pair, String point) {
        if (pair == null) {
            return true; // a single request: nobody to wait for
        }
        CyclicBarrier barrier = POINTS.computeIfAbsent(pair + "/" + point, k -> new CyclicBarrier(2));
        try {
            barrier.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (BrokenBarrierException | TimeoutException e) {
            return false;
        }
    }
}
