package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Stacks;
import dev.crosstalk.agent.detect.ChannelJudge;
import dev.crosstalk.agent.detect.FlowJudge;
import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Calls in flight on objects that are not thread-safe ({@code SimpleDateFormat}, {@code Calendar},
 * {@code MessageDigest}), in a small table indexed by identity hash. A request entering a call on an
 * object another request's thread is still inside has raced with it: the two cannot have held a
 * common lock (it would have kept them apart), so the overlap itself is the proof, with no lock
 * bookkeeping. Calls outside requests are not watched. Only the last entrant of a slot is kept, so
 * a collision can hide an overlap but never invent one.
 */
public final class Overlaps {
    private static final int SLOTS = 1024;

    /** A call in flight. */
    public static final class Call {
        final Object target;
        final Thread thread;
        final RequestInfo request;
        final Site site;
        final int slot;

        Call(Object target, Thread thread, RequestInfo request, Site site, int slot) {
            this.target = target;
            this.thread = thread;
            this.request = request;
            this.site = site;
            this.slot = slot;
        }
    }

    private final AtomicReferenceArray<Call> inFlight = new AtomicReferenceArray<>(SLOTS);
    private final FindingRegistry findings;

    /** An overlap detector recording into {@code findings}. */
    public Overlaps(FindingRegistry findings) {
        this.findings = findings;
    }

    /** A call on {@code target} begins at {@code site}; returns what {@link #exit} takes, or null. */
    public Object enter(RequestContext request, Site site, Object target) {
        if (request == null) {
            return null;
        }
        int slot = System.identityHashCode(target) & (SLOTS - 1);
        Call other = inFlight.get(slot);
        Thread me = Thread.currentThread();
        if (other != null && other.target == target && other.thread != me
                && other.request.id() != request.info().id()) {
            report(other, request, site, target);
        }
        if (site.sampleStack() == null) {
            site.sampleStack(Stacks.capture()); // once per site: the other side of a later overlap
        }
        Call call = new Call(target, me, request.info(), site, slot);
        inFlight.set(slot, call);
        return call;
    }

    /** The call begun with {@code token} returned. */
    public void exit(Object token) {
        if (!(token instanceof Call)) {
            return; // no call was entered (no site, no request): nothing to clear
        }
        Call call = (Call) token;
        inFlight.compareAndSet(call.slot, call, null);
    }

    private void report(Call other, RequestContext request, Site site, Object target) {
        String state = site.member();
        String type = target.getClass().getSimpleName();
        String[] sitesSorted = {other.site.fingerprintPart(), site.fingerprintPart()};
        Arrays.sort(sitesSorted);
        String fp = Fingerprint.of(FindingType.UNSAFE_CONCURRENT_MUTATION, state, sitesSorted[0], sitesSorted[1]);
        FlowJudge.Verdict v = ChannelJudge.overlap(state, type, other.request.toString(), other.site.location(),
                request.info().toString(), site.location());
        Recording.record(findings, FindingType.UNSAFE_CONCURRENT_MUTATION, v, state, fp,
                () -> EvidenceOf.earlier(other.request, null, other.thread.getName(), other.site),
                () -> EvidenceOf.now(request, site), null);
    }
}
