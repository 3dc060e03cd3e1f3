package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.Hooks;

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
}
