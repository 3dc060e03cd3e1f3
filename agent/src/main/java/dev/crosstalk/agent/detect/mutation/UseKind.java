package dev.crosstalk.agent.detect.mutation;

/** What one call did to an object that is not thread-safe. */
public enum UseKind {
    /** A lookup or a size: it breaks only when another thread changes the structure under it. */
    READ,
    /** An iterator, a view, a stream or a {@code forEach}: every later step reads the structure again. */
    ITERATE,
    /** A structural change ({@code put}, {@code add}, {@code clear}, {@code append}, an access-order {@code get}). */
    WRITE;

    boolean mutates() {
        return this == WRITE;
    }
}
