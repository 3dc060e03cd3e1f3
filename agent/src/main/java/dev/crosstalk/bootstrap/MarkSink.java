package dev.crosstalk.bootstrap;

/**
 * What the agent's runtime receives about request-derived values: where a request's user-specific
 * input enters application code, and which values are computed from which. Implemented by the
 * agent's {@code userdata} runtime; typed with JDK types only, like {@link Sink}.
 */
public interface MarkSink {
    /** {@code value} came from the current request's input of {@code kind} ({@link MarkHooks}{@code .SRC_*}) named {@code name}. */
    void source(Object value, int kind, Object name);

    /** {@code result} was computed from {@code from}. */
    void derive(Object from, Object result);

    /** {@code result} was computed from the elements of {@code from}. */
    void deriveAll(Object[] from, Object result);

    /**
     * The entry method {@code method} (descriptor {@code descriptor}) of {@code owner}, named with the
     * {@code entry=} option, began the current request with the arguments {@code args}: its inputs.
     */
    void arguments(Class<?> owner, String method, String descriptor, Object[] args);

    /**
     * Whether the current thread serves a request that has met a source: only then can a computed
     * value carry a mark, so call sites skip collecting their operands otherwise.
     */
    boolean tracking();
}
