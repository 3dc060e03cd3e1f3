package dev.crosstalk.bootstrap;

/**
 * What a container hook saw happen to a map, collection or list ({@link ContainerHooks}), as the
 * typed event {@link Sink#containerOp} receives. Each constant says what its {@code key} and
 * {@code value} carry, and whether it only reads the container ({@link #read}), so that a detector
 * asks the event rather than a list of codes. A detector that handles the kinds one by one must name
 * every kind: the runtime's {@code ContainerOpsTest} sends each kind to it, and a kind that falls
 * into no case fails that test ({@link #unhandled()}).
 */
public enum ContainerOp {
    /** A lookup: {@code key} read, {@code value} what the map held (null when absent). */
    GET(true),
    /** A presence test: {@code key} (null for a collection's element), {@code value} the Boolean answer. */
    CONTAINS(true),
    /** A write of {@code value} under {@code key}. */
    PUT(false),
    /** A write of {@code value} under {@code key} that happened because the key was absent. */
    PUT_IF_ABSENT(false),
    /** {@code key} removed; no value. */
    REMOVE(false),
    /** Everything removed; neither key nor value. */
    CLEAR(false),
    /** Iteration, a view or a bulk read of the whole container; neither key nor value. */
    READ_ALL(true),
    /** An atomic read-modify-write of {@code key} ({@code compute}, {@code merge}); {@code value} the result. */
    MERGE(false),
    /** Every entry of the map {@code value} written; no key. */
    PUT_ALL(false),
    /** {@code value} added to a collection (a collection added as a whole for {@code addAll}); no key. */
    ADD(false),
    /** A read by position: {@code key} the Integer index, {@code value} the element. */
    INDEX_GET(true),
    /** A write by position: {@code key} the Integer index, {@code value} the element. */
    INDEX_SET(false);

    /** True when the operation only reads the container. */
    public final boolean read;

    ContainerOp(boolean read) {
        this.read = read;
    }

    /**
     * What a switch over the kinds throws in its {@code default} branch: a kind added here and not
     * handled there fails loudly in tests rather than being judged as some other kind.
     */
    public IllegalStateException unhandled() {
        return new IllegalStateException("container operation not handled: " + this);
    }
}
