package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.crosstalk.bootstrap.Hooks;
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
}
