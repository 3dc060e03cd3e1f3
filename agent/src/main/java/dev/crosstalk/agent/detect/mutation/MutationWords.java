package dev.crosstalk.agent.detect.mutation;

import dev.crosstalk.agent.detect.FlowJudge;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.LockSet;

/**
 * The sentences of {@code unsafe-concurrent-mutation} findings found by {@link UseHistory}: both
 * requests, both code sites, what each call did, and which locks each held. Never a value or a key,
 * only a key's digest.
 */
public final class MutationWords {
    private static final String ADVICE = " Give each request its own instance, use a thread-safe type"
            + " (ConcurrentHashMap, CopyOnWriteArrayList, a local StringBuilder), or guard every use with one lock.";

    private MutationWords() {
    }

    /** One side of a conflict as the message names it. */
    public static final class Side {
        final String request;
        final String at;
        final UseKind kind;
        final LockSet locks;

        /** The side of {@code request}, whose call of {@code kind} at {@code at} held {@code locks}. */
        public Side(String request, String at, UseKind kind, LockSet locks) {
            this.request = request;
            this.at = at;
            this.kind = kind;
            this.locks = locks;
        }
    }

    /** Two calls of two requests in flight at once, at least one mutating, with no common lock. */
    public static FlowJudge.Verdict race(String state, String type, Side earlier, Side later) {
        String what;
        if (earlier.kind == UseKind.ITERATE) {
            what = later.request + " changed it at " + later.at + " while " + earlier.request + " was iterating over it"
                    + " (since " + earlier.at + ")";
        } else if (later.kind == UseKind.ITERATE) {
            what = later.request + " iterated over it at " + later.at + " while " + earlier.request
                    + " was changing it (at " + earlier.at + ")";
        } else {
            what = earlier.request + " " + verb(earlier.kind) + " it at " + earlier.at + " and " + later.request + " "
                    + verb(later.kind) + " it at " + later.at;
        }
        return new FlowJudge.Verdict(Severity.ERROR, "Unsafe concurrent mutation: " + state + " (" + article(type) + type
                + ", which is not thread-safe) is used by requests in flight at the same time on different threads: "
                + what + "; " + locks(earlier, later) + ". Its internal state can be corrupted (lost or mixed"
                + " entries, ConcurrentModificationException, wrong results)." + ADVICE);
    }

    /** Both requests found {@code key} missing and both stored it. */
    public static FlowJudge.Verdict checkThenAct(String state, String type, String key, Side firstCheck,
            Side firstStore, Side secondCheck, Side secondStore) {
        String checks = firstCheck.at.equals(secondCheck.at) ? "at " + firstCheck.at
                : "at " + firstCheck.at + " and " + secondCheck.at;
        String stores = firstStore.at.equals(secondStore.at) ? "at " + firstStore.at
                : "at " + firstStore.at + " and " + secondStore.at;
        boolean lockedCheck = firstCheck.locks.excludes(secondCheck.locks);
        return new FlowJudge.Verdict(Severity.ERROR, "Check-then-act on " + state + " (" + article(type) + type
                + ", which is not thread-safe): requests " + firstCheck.request + " and " + secondCheck.request
                + " both found " + key + " missing " + checks + " and both stored it " + stores + "; "
                + (lockedCheck ? "each step held a lock, but it was released between the check and the store"
                        : "no lock was common to them")
                + ". Both computed the value, one store overwrote the other, and requests were served different"
                + " values. Make check and store one atomic step (computeIfAbsent on a ConcurrentHashMap, or one"
                + " lock held around both).");
    }

    private static String article(String type) {
        return type.isEmpty() || "AEIOU".indexOf(type.charAt(0)) < 0 ? "a " : "an ";
    }

    private static String verb(UseKind kind) {
        switch (kind) {
            case WRITE:
                return "changed";
            case ITERATE:
                return "iterated over";
            default:
                return "read";
        }
    }

    private static String locks(Side a, Side b) {
        if (a.locks.isEmpty() && b.locks.isEmpty()) {
            return "neither held a lock";
        }
        return "locks held: " + heldLocks(a.locks) + " by the first, " + heldLocks(b.locks)
                + " by the second, none common to both in a mode that excludes the other";
    }

    /** How the evidence names a lock set: "no lock", "1 lock", "2 locks (1 read lock)". */
    static String heldLocks(LockSet set) {
        if (set.isEmpty()) {
            return "no lock";
        }
        int shared = set.readLocks();
        String n = set.size() == 1 ? "1 lock" : set.size() + " locks";
        return shared == 0 ? n : n + " (" + shared + " read lock" + (shared == 1 ? "" : "s") + ")";
    }
}
