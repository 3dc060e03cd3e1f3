package dev.crosstalk.agent.detect;

/** What is known about a state when one request reads a value another request wrote there. */
public final class FlowFacts {
    final String state;
    final boolean keyed;
    final boolean diverged;
    final String firstWriter;
    final String divergingWriter;
    final boolean accumulated;
    final String writer;
    final String reader;
    final String refilledAfter;

    /**
     * @param state           the state name (for a key: the container's state name)
     * @param keyed           the state is one key of a shared container (a cache entry)
     * @param diverged        two different requests wrote different values, neither after reading it
     * @param firstWriter     the request (label and id) of the first request that wrote a plain value (may be null)
     * @param divergingWriter the request whose different value made it diverge, or null
     * @param accumulated     some request wrote it after reading it (a counter)
     * @param writer          the request whose value was read
     * @param reader          the reading request
     */
    public FlowFacts(String state, boolean keyed, boolean diverged, String firstWriter, String divergingWriter,
            boolean accumulated, String writer, String reader) {
        this(state, keyed, diverged, firstWriter, divergingWriter, accumulated, writer, reader, null);
    }

    /**
     * As the constructor above, with {@code refilledAfter}: the field beside the state that requests
     * checked, holding a lock, before they wrote the state (a refill; see {@link Accumulations}), or null.
     */
    public FlowFacts(String state, boolean keyed, boolean diverged, String firstWriter, String divergingWriter,
            boolean accumulated, String writer, String reader, String refilledAfter) {
        this.state = state;
        this.keyed = keyed;
        this.diverged = diverged;
        this.firstWriter = firstWriter;
        this.divergingWriter = divergingWriter;
        this.accumulated = accumulated;
        this.writer = writer;
        this.reader = reader;
        this.refilledAfter = refilledAfter;
    }
}
