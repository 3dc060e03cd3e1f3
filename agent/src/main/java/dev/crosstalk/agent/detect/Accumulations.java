package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.bootstrap.ContainerOp;

/**
 * What counts as an accumulation (SPEC: cross-request-flow): a write that builds on what the state
 * held (a counter, an aggregate, a list every request adds to) rather than one that replaces it with
 * this request's value. A cell only accumulated into is shared by design; {@link FlowJudge} judges
 * its flows as such, and an accumulation never makes two writers "diverge".
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
