package dev.crosstalk.agent.finding;

/** The finding types of the spec; {@link #id()} is the contract spelling users' alerts match on. */
public enum FindingType {
    CROSS_REQUEST_FLOW("cross-request-flow"),
    PUBLISH_THEN_POPULATE("publish-then-populate"),
    PARTIAL_INIT_READ("partial-init-read"),
    RESET_DURING_USE("reset-during-use"),
    THREADLOCAL_CARRYOVER("threadlocal-carryover"),
    UNSAFE_CONCURRENT_MUTATION("unsafe-concurrent-mutation");

    private final String id;

    FindingType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
