package dev.crosstalk.agent.detect.mutation;

import dev.crosstalk.agent.state.PerRequest;

/**
 * The histories of watched objects one request called into, on any thread (its tasks' calls too), so
 * that they forget its calls when it ends ({@link UseHistory#forget}). Without that, a watched object
 * per session (a cart) would keep its last request's calls, and that request's context, for the
 * session's life. At most {@value #CAP} are kept; calls into further ones are dropped at those
 * objects' next calls.
 */
public final class CalledHistories {
    /** The per-request kind the mutation detector keeps. */
    public static final PerRequest<CalledHistories> ON_REQUEST = new PerRequest<>(CalledHistories::new);
    static final int CAP = 32;

    private UseHistory[] histories = new UseHistory[4];
    private int size;

    /** The request called into {@code h}. */
    public synchronized void add(UseHistory h) {
        // The same object is usually called several times in a row: look at the last few only.
        for (int i = size - 1; i >= 0 && i >= size - 4; i--) {
            if (histories[i] == h) {
                return;
            }
        }
        if (size == histories.length) {
            if (size == CAP) {
                return;
            }
            // from none at all: a request's task can call in after the request ended and emptied this
            histories = java.util.Arrays.copyOf(histories, Math.min(CAP, Math.max(4, size * 2)));
        }
        histories[size++] = h;
    }

    /** The request {@code id} ended: every history it called into forgets its calls. */
    public void ended(long id) {
        UseHistory[] called;
        int n;
        synchronized (this) {
            called = histories;
            n = size;
            histories = new UseHistory[0];
            size = 0;
        }
        for (int i = 0; i < n; i++) {
            called[i].forget(id); // outside this lock: a history takes its own
        }
    }
}
