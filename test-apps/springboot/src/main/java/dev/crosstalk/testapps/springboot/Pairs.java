package dev.crosstalk.testapps.springboot;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Where the two requests of one pair ({@code pair=…}, named by the client) wait for each other, so a
 * test sees the same interleaving every run: the second request does all its work while the first is
 * paused halfway through its own. A partner that never comes releases the other after a few seconds.
 */
final class Pairs {
    private static final ConcurrentHashMap<String, CyclicBarrier> POINTS = new ConcurrentHashMap<>();

    private Pairs() {
    }

    /** Called by the first request halfway: the second request runs from here until it is done. */
    static void pauseFirst(String pair) {
        meet(pair, "1");
        meet(pair, "2");
    }

    /** The second request's whole work, run while the first is paused. */
    static String asSecond(String pair, Supplier<String> work) {
        meet(pair, "1");
        try {
            return work.get();
        } finally {
            meet(pair, "2");
        }
    }

    private static void meet(String pair, String point) {
        try {
            POINTS.computeIfAbsent(pair + "/" + point, k -> new CyclicBarrier(2)).await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            // the partner did not come: go on alone, and the test fails on what it sees
        }
    }
}
