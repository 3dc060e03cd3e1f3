package dev.crosstalk.agent.state;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A kind of data a detector keeps on each request in flight, beside what this room keeps (the
 * per-request counterpart of {@link Notes}): made on the request's first use, gone with its
 * {@link RequestContext}. A detector declares one kind per class, as a constant, and reads it with
 * {@link RequestContext#data}.
 *
 * @param <T> the detector's data
 */
public final class PerRequest<T> {
    /** How many kinds there can be: one per detector class that keeps data on requests. */
    static final int MAX_KINDS = 16;
    private static final AtomicInteger NEXT = new AtomicInteger();

    final int index;
    private final Supplier<T> make;

    /** A kind of data made by {@code make} on a request's first use. */
    public PerRequest(Supplier<T> make) {
        this.index = NEXT.getAndIncrement();
        if (index >= MAX_KINDS) {
            throw new IllegalStateException("more than " + MAX_KINDS + " kinds of per-request data");
        }
        this.make = make;
    }

    T make() {
        return make.get();
    }
}
