package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.Notes;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.WriteRecord;

/**
 * The cross-request-flow detector (SPEC: cross-request-flow): a request reads, from a cell of shared
 * state, the value another request wrote there. {@link FlowJudge} chooses severity and wording from
 * the cell's history, after {@link UserDataJudge} through {@link UserDataFlows} for values derived from
 * the writer's user; this class decides that a read is a flow and records it.
 */
public final class Flows {
    /** Cells with a memo at most: past it, a flow seen again is matched by its fingerprint instead. */
    static final int MAX_MEMOS = 50_000;

    private final FindingRegistry findings;
    private final Notes<StateCell, Memo> memos = new Notes<>(MAX_MEMOS);

    /** A flow detector recording into {@code findings}. */
    public Flows(FindingRegistry findings) {
        this.findings = findings;
    }

    /**
     * The last flow recorded at a cell, so that the same flow again (same writing site, same reading
     * site) costs a counter increment.
     */
    private static final class Memo {
        final Finding finding;
        final Site reader;
        final Site writer;

        Memo(Finding finding, Site reader, Site writer) {
            this.finding = finding;
            this.reader = reader;
            this.writer = writer;
        }
    }

    /**
     * {@code request} read {@code cell} at {@code site}: a flow if the value it read ({@code digest},
     * compared when {@code checkDigest}) is the one another request wrote last.
     */
    public void read(StateCell cell, Site site, RequestContext request, long digest, boolean checkDigest) {
        if (cell.root().sessionScoped) {
            return; // a session's state: its own requests share it by design
        }
        WriteRecord w = cell.last;
        if (w == null || w.request == null || w.request.id() == request.info().id()) {
            return;
        }
        if (checkDigest && w.digest != digest) {
            return; // not the value that write left: something we did not see wrote since
        }
        Memo m = memos.get(cell);
        if (m != null) {
            if (m.reader == site && m.writer == w.site
                    && (m.finding.severity() != Severity.INFO || !cell.diverged() && w.mark == null)) {
                m.finding.seenAgain();
                return;
            }
        }
        RequestInfo first = cell.firstPlainWriter();
        RequestInfo diverging = cell.divergingWriter();
        FlowFacts facts = new FlowFacts(cell.keyed() ? cell.root().stateName() : cell.name(), cell.keyed(),
                cell.diverged(), first == null ? null : first.toString(),
                diverging == null ? null : diverging.toString(), cell.accumulated() || w.site.readModifyWrite(),
                w.request.toString(), request.info().toString(), cell.refilledAfter());
        FlowJudge.Verdict verdict = UserDataFlows.judge(cell, w, request.info(), facts);
        String rootState = cell.root().stateName()
                + (cell.keyed() ? "[]" : cell == cell.root().contentsCell() ? "[*]" : "");
        String fingerprint = Fingerprint.of(FindingType.CROSS_REQUEST_FLOW, rootState, w.site.fingerprintPart(),
                site.fingerprintPart());
        Finding f = Recording.recordOrRaise(findings, FindingType.CROSS_REQUEST_FLOW, verdict, cell.name(), fingerprint,
                () -> EvidenceOf.earlier(w.request, null, w.thread, w.site), () -> EvidenceOf.now(request, site),
                UserDataFlows.details(verdict, w, request.info()));
        if (f != null) {
            memos.put(cell, new Memo(f, site, w.site));
        }
    }
}
