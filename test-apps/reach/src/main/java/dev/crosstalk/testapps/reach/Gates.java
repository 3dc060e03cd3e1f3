package dev.crosstalk.testapps.reach;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a test order two requests inside the application's own code paths: a request passes a
 * {@code gate} name, and marks ({@link #arrive}) or waits for ({@link #await}) named points of it.
 * Without a gate, both do nothing. Shared on purpose, and marked so.
 */
@ThreadSafe
final class Gates {
    private static final ConcurrentHashMap<String, CountDownLatch> POINTS = new ConcurrentHashMap<>();

    private Gates() {
    }

    static void arrive(String gate, String point) {
        if (gate != null) {
            latch(gate, point).countDown();
        }
    }

    static void await(String gate, String point) {
        if (gate == null) {
            return;
        }
        try {
            if (!latch(gate, point).await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate " + gate + " point " + point + " not reached in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CountDownLatch latch(String gate, String point) {
        return POINTS.computeIfAbsent(gate + "/" + point, k -> new CountDownLatch(1));
    }
}
