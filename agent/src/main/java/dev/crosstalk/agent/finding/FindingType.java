package dev.crosstalk.agent.finding;

/** The finding types of the spec; {@link #id()} is the contract spelling users' alerts match on. */
public enum FindingType {
    /** A value written into shared state by one request was read by another. */
    CROSS_REQUEST_FLOW("cross-request-flow"),
    /** An object was stored into shared state and then further filled by the thread that stored it. */
    PUBLISH_THEN_POPULATE("publish-then-populate"),
    /** Another thread read that object while it was still being filled. */
    PARTIAL_INIT_READ("partial-init-read"),
    /** Shared state was cleared or replaced by one request while another request in flight was using it. */
    RESET_DURING_USE("reset-during-use"),
    /** A thread-local value set during one request was not removed and was read by another on the same thread. */
    THREADLOCAL_CARRYOVER("threadlocal-carryover"),
    /** A non-thread-safe object in shared state was mutated by two requests at overlapping times with no common lock. */
    UNSAFE_CONCURRENT_MUTATION("unsafe-concurrent-mutation");

    private final String id;

    FindingType(String id) {
        this.id = id;
    }

    /** The type's name in the output, as the spec spells it. */
    public String id() {
        return id;
    }
}
