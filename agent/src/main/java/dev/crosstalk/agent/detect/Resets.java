package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.VirtualThreads;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.Notes;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.Values;

/**
 * The reset-during-use detector (SPEC: reset-during-use): a request replaces or clears shared
 * state that another request is in the middle of using. Each reset starts a new epoch of the
 * field; a request that read the field in an earlier epoch and reads it again was cut off.
 */
public final class Resets {
    private final FindingRegistry findings;
    /** Per field, its last reset, which carries the field's epoch: none (epoch 0) until one happens. */
    private final Notes<StaticField, ResetRecord> lastResets = new Notes<>(FieldTable.DEFAULT_MAX);

    /** A reset detector recording into {@code findings}. */
    public Resets(FindingRegistry findings) {
        this.findings = findings;
    }

    /**
     * {@code request} replaced or cleared {@code field}'s contents: requests that read it before see
     * a new epoch. Not when the resetting thread holds a lock, which readers are assumed to take too.
     */
    public void reset(StaticField field, Site site, RequestContext request) {
        field.resettable();
        if (locked.underLock(site)) {
            return; // under a lock the readers take too (the cflock fix), nobody sees it in between
        }
        int epoch = epoch(lastResets.get(field)) + 1;
        lastResets.put(field, new ResetRecord(request.info(), VirtualThreads.currentName(), site, epoch));
        request.data(EpochsSeen.ON_REQUEST).seen(field, epoch);
    }

    /**
     * {@code request} stored the empty container {@code empty} where {@code before} was: a fresh empty
     * container replacing another resets the state, while a complete one replacing it is copy-on-write.
     */
    public void emptyStored(StaticField field, Site site, RequestContext request, Object before, Object empty) {
        if (request != null && before != null && before != empty) {
            reset(field, site, request);
        }
    }

    /**
     * {@code request} set an attribute (a session's, the servlet context's) to {@code value}: an empty
     * container set there resets it, whatever it held before (an attribute's old value is not seen).
     */
    public void attributeSet(StaticField attribute, Site site, RequestContext request, Object value) {
        if (request != null && Values.isEmptyContainer(value)) {
            reset(attribute, site, request);
        }
    }

    /** Whether a reset site runs under a lock, asked once per site. */
    private final LockedSites locked = new LockedSites();

    /** {@code request} reads {@code field} again: a reset by another request since its last read is a finding. */
    public void check(StaticField field, Site site, RequestContext request) {
        ResetRecord r = lastResets.get(field);
        int now = epoch(r);
        int seen = request.data(EpochsSeen.ON_REQUEST).seen(field, now);
        if (seen == now) {
            return;
        }
        if (r == null || r.request.id() == request.info().id() || field.sessionScoped
                && !sameSession(r.request, request.info())) {
            return;
        }
        FlowJudge.Verdict v = PublicationJudge.resetDuringUse(field.stateName(), r.request.toString(),
                r.site.location(), request.info().toString());
        String fp = Fingerprint.of(FindingType.RESET_DURING_USE, field.stateName(), r.site.fingerprintPart(),
                site.fingerprintPart());
        Recording.record(findings, FindingType.RESET_DURING_USE, v, field.stateName(), fp,
                () -> EvidenceOf.earlier(r.request, null, r.thread, r.site), () -> EvidenceOf.now(request, site), null);
    }

    private static int epoch(ResetRecord last) {
        return last == null ? 0 : last.epoch;
    }

    /** Both requests had a session, and it was the same one (a request creating its session has none yet). */
    private static boolean sameSession(RequestInfo a, RequestInfo b) {
        return a.sessionKey() != null && a.sessionKey().equals(b.sessionKey());
    }
}
