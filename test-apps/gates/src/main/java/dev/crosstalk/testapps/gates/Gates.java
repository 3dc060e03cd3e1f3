package dev.crosstalk.testapps.gates;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Named meeting points through which the test drives the interleaving: work that passes a gate says it
 * arrived and waits until the test releases it, so "request A paused after its hop, request B ran, A
 * went on" happens every time, without sleeping. An app holds one in its handlers' final fields, never in a static, so the gates are no shared state of its own.
 */
public final class Gates {
    private static final long LIMIT_SECONDS = 30;

    private static final class Gate {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
    }

    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

    private Gate gate(String name) {
        return gates.computeIfAbsent(name, n -> new Gate());
    }

    /** Arrives at gate {@code name} and waits for its release; no gate (null) passes at once. */
    public void pass(String name) {
        if (name == null) {
            return;
        }
        Gate g = gate(name);
        g.arrived.countDown();
        await(g.released, name);
    }

    public void awaitArrival(String name) {
        await(gate(name).arrived, name);
    }

    public void release(String name) {
        Gate g = gate(name);
        g.released.countDown();
        gates.remove(name, g);
    }

    private static void await(CountDownLatch latch, String name) {
        try {
            if (!latch.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate " + name + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
