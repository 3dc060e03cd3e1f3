package dev.crosstalk.agent.detect.mutation;

/**
 * Two requests' calls on one object that nothing kept apart. A {@link Kind#RACE} is one call of
 * each; a {@link Kind#CHECK_THEN_ACT} is both requests finding one key missing and both storing it.
 */
public final class Conflict {
    /** What the two requests did: raced on the object, or both checked a key and both stored it. */
    public enum Kind {
        /** Two calls, at least one mutating, by requests in flight at once with no common lock. */
        RACE,
        /** Both requests found one key missing, then both stored it. */
        CHECK_THEN_ACT
    }

    /** Which of the two conflicts this is. */
    public final Kind kind;
    /** The other request's call (for check-then-act: its lookup that found the key missing). */
    public final Use earlier;
    /** The call that revealed the conflict (for check-then-act: this request's store). */
    public final Use later;
    /** Check-then-act only: the other request's store. */
    public final Use earlierStore;
    /** Check-then-act only: this request's lookup that found the key missing. */
    public final Use laterCheck;

    private Conflict(Kind kind, Use earlier, Use later, Use earlierStore, Use laterCheck) {
        this.kind = kind;
        this.earlier = earlier;
        this.later = later;
        this.earlierStore = earlierStore;
        this.laterCheck = laterCheck;
    }

    static Conflict race(Use earlier, Use later) {
        return new Conflict(Kind.RACE, earlier, later, null, null);
    }

    static Conflict checkThenAct(Use otherCheck, Use otherStore, Use myCheck, Use myStore) {
        return new Conflict(Kind.CHECK_THEN_ACT, otherCheck, myStore, otherStore, myCheck);
    }
}
