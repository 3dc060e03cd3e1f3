package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosstalk.bootstrap.Hooks;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Drives a recorder the way a request boundary does, for the runtime tests. */
final class Requests {
    private Requests() {
    }

    /** Runs {@code work} on this thread inside a request labelled {@code label} (an entry method). */
    static void inRequest(Recorder recorder, String label, Runnable work) {
        Object token = recorder.requestEnter(label, Hooks.KIND_ENTRY_METHOD, 0);
        try {
            work.run();
        } finally {
            recorder.requestExit(token);
        }
    }

    /** Runs {@code work} inside the servlet request {@code request} (label and session read from it). */
    static void inServletRequest(Recorder recorder, Object request, Runnable work) {
        Object token = recorder.requestEnter(request, Hooks.KIND_JAKARTA, 0);
        try {
            work.run();
        } finally {
            recorder.requestExit(token);
        }
    }

    /** Runs {@code work} on a new thread {@code name} to completion; its failure fails the caller. */
    static void onOtherThread(String name, Runnable work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        try {
            t.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertFalse(t.isAlive(), name + " did not finish");
        if (failure.get() != null) {
            throw new AssertionError("failed on " + name, failure.get());
        }
    }

    /**
     * Runs {@code first} in a request on a thread named {@code firstThread}, then, while that request is
     * still in flight, {@code second} in another request on this thread; the first request ends after.
     * The two never run at the same instant.
     */
    static void secondWhileFirstInFlight(Recorder recorder, String firstThread, Runnable first, Runnable second) {
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                inRequest(recorder, "GET /first", () -> {
                    first.run();
                    firstDone.countDown();
                    await(secondDone);
                });
            } catch (Throwable t) {
                failure.set(t);
                firstDone.countDown();
            }
        }, firstThread);
        worker.start();
        await(firstDone);
        try {
            inRequest(recorder, "GET /second", second);
        } finally {
            secondDone.countDown();
        }
        try {
            worker.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("failed on " + firstThread, failure.get());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
