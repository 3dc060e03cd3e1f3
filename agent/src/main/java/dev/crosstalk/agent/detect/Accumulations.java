package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.WriteRecord;
import dev.crosstalk.bootstrap.ContainerOp;

/**
 * What counts as an accumulation (SPEC: cross-request-flow): a write that builds on what the state
 * held (a counter, an aggregate, a list every request adds to) rather than one that replaces it with
 * this request's value. A cell only accumulated into is shared by design; {@link FlowJudge} judges
 * its flows as such, and an accumulation never makes two writers "diverge".
 *
 * <p>A refill is judged alike: a field written while holding a lock, by a request that, holding a
 * lock, first read a field beside it and found a value it had not written itself. That is a value
 * kept for the key in the other field (a file's buffer for its position, a formatted date for its
 * second), checked and refilled in one critical section; what the cell holds follows from that key,
 * not from the request, so the request writes that key as well (before or after the value; until it
 * does, the value's write waits, and a request that ends without writing it made a plain write). The
 * same shape without a lock, after reading back its own write, or after checking a flag it leaves
 * alone (a lazily set {@code started}) is not one.
 */
public final class Accumulations {
    /** A {@code putAll} copies entries whole: each replaces what its key held. */
    public static final boolean COPIED_ENTRY = false;

    private Accumulations() {
    }

    /**
     * A field's value written by {@code request}: an accumulation when the site reads and writes in
     * one expression ({@code n++}, {@code total += x}) or the request read the value before.
     */
    public static boolean ofValue(Site site, RequestContext request, StateCell cell) {
        return site.readModifyWrite() || request.did(cell, RequestContext.READ_PRESENT);
    }

    /** What a request's read of a field's {@code cell} notes: {@link RequestContext#CHECKED} as well, for a refill's check. */
    public static byte ofRead(StateCell cell, RequestContext request, ThreadState ts) {
        WriteRecord last = cell.last;
        boolean others = last == null || last.request == null || last.request.id() != request.info().id();
        return others && ts.locks.any() ? (byte) (RequestContext.READ_PRESENT | RequestContext.CHECKED)
                : RequestContext.READ_PRESENT;
    }

    /**
     * The field beside {@code field} whose check makes this plain write of {@code field} a refill, or
     * null when it is none: see the class comment.
     */
    public static StaticField refillOf(StaticField field, RequestContext request, ThreadState ts) {
        if (!ts.locks.any()) {
            return null;
        }
        Object checked = request.firstDid(RequestContext.CHECKED, state -> state instanceof StateCell
                && ((StateCell) state).root().valueCell() == state && field.besides(((StateCell) state).root()));
        return checked == null ? null : ((StateCell) checked).root();
    }

    /**
     * {@code request} wrote {@code field} ({@code pending}: after checking a field beside it, whose
     * write is still to come): notes what a later refill asks, and confirms the refills that waited
     * for this field, their key.
     */
    public static void written(StaticField field, RequestContext request, boolean pending) {
        StateCell cell = field.valueCell();
        if (pending) {
            request.remember(cell, RequestContext.PENDING);
        }
        if (request.did(cell, RequestContext.CHECKED)) {
            request.remember(cell, RequestContext.WRITTEN);
        }
        if (request.hasPending()) {
            for (Object waiting : request.allDid(RequestContext.PENDING)) {
                ((StateCell) waiting).confirmRefill(request.info(), field);
            }
        }
    }

    /** {@code request} ended: a write still waiting for the key it checked was a plain write. */
    public static void requestEnded(RequestContext request) {
        if (request.hasPending()) {
            for (Object waiting : request.allDid(RequestContext.PENDING)) {
                ((StateCell) waiting).settlePending(request.info());
            }
        }
    }

    /**
     * One key written by {@code op}: a {@code merge} always builds on the old value, a {@code put}
     * does when the request read the key first ({@code get}, then {@code put}); a {@code putIfAbsent}
     * never does, it only fills a key that was empty.
     */
    public static boolean ofKey(ContainerOp op, RequestContext request, StateCell key) {
        return op == ContainerOp.MERGE
                || op == ContainerOp.PUT && request != null && request.did(key, RequestContext.READ_PRESENT);
    }

    /** An element set by index: an accumulation when the request read the collection's contents first. */
    public static boolean ofIndexSet(RequestContext request, StateCell contents) {
        return request != null && request.did(contents, RequestContext.READ_PRESENT);
    }

    /**
     * An element added: every add accumulates, unless this request cleared or replaced the collection
     * before, when its adds refill it with this request's own contents.
     */
    public static boolean ofAdd(RequestContext request, StateCell contents) {
        return !(request != null && request.did(contents, RequestContext.RESET));
    }
}
