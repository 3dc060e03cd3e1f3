package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.VirtualThreads;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.MdcKey;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.ThreadValue;
import dev.crosstalk.agent.state.WeakIdentityMap;
import dev.crosstalk.agent.state.Stacks;
import dev.crosstalk.agent.detect.ChannelJudge;
import dev.crosstalk.agent.detect.FlowJudge;
import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * Thread-local values (application {@code ThreadLocal}s and SLF4J's MDC) set during requests. Each
 * thread keeps a few records of what a request set and did not remove: at the end of that request it
 * is a warning; a later request on the same pooled thread that reads the very value (same identity)
 * without having set it is a carry-over error, under the same fingerprint. Values set outside
 * requests (startup, thread factories) are not recorded: reading them is what they are for.
 * {@code InheritableThreadLocal} values set during a request are also remembered by identity, to
 * catch a pool thread created during that request handing the copied value to a later request.
 */
public final class ThreadLocals {
    /** Records per thread; past this, new ones are not kept. */
    private static final int PER_THREAD = 32;

    private final FindingRegistry findings;
    private final FieldTable fields;
    /** InheritableThreadLocal values set during requests: value identity -> the slot that set it. */
    private final WeakIdentityMap<ThreadValue> inheritable;

    public ThreadLocals(FindingRegistry findings, FieldTable fields, int cap) {
        this.findings = findings;
        this.fields = fields;
        this.inheritable = new WeakIdentityMap<>(cap);
    }

    public void set(ThreadState ts, Site site, Object key, boolean mdc, Object value) {
        RequestContext request = ts.activeRequest();
        String api = mdc ? String.valueOf(site.member()) : null;
        if (mdc && key == null) {
            ts.threadLocals.removeIf(s -> s.isMdc() && s.mdcKey().api().equals(api));
            return;
        }
        ThreadValue slot = mdc ? findMdc(ts, api, key) : find(ts, key);
        if (value == null || request == null) {
            if (slot != null) {
                ts.threadLocals.remove(slot);
            }
            return;
        }
        if (slot == null) {
            if (ts.threadLocals.size() >= PER_THREAD) {
                return;
            }
            Object stateKey = key;
            slot = mdc ? new ThreadValue(new MdcKey(api, key), () -> site.member() + "[" + fields.shownKey(stateKey) + "]")
                    : new ThreadValue(new WeakReference<>(key), site::member);
            ts.threadLocals.add(slot);
        }
        slot.setter = request.info();
        slot.site = site;
        slot.valueIdentity = System.identityHashCode(value);
        if (site.sampleStack() == null) {
            site.sampleStack(Stacks.capture());
        }
        if (key instanceof InheritableThreadLocal) {
            inheritable.put(value, slot);
        }
    }

    public void get(ThreadState ts, Site site, Object key, boolean mdc, Object value) {
        RequestContext request = ts.activeRequest();
        if (request == null) {
            return;
        }
        ThreadValue slot = mdc ? findMdc(ts, String.valueOf(site.member()), key) : find(ts, key);
        boolean inherited = false;
        if (slot == null) {
            if (!(key instanceof InheritableThreadLocal)) {
                return;
            }
            slot = inheritable.get(value);
            inherited = true;
            if (slot == null) {
                return;
            }
        } else if (slot.valueIdentity != System.identityHashCode(value)) {
            return; // replaced by code we do not see: not the value that request left
        }
        RequestInfo setter = slot.setter;
        if (setter == null || setter.id() == request.info().id()) {
            return;
        }
        String thread = VirtualThreads.currentName();
        FlowJudge.Verdict v = ChannelJudge.carryover(slot.state(), setter.toString(), slot.site.location(),
                request.info().toString(), thread, inherited);
        carried(slot, v, () -> EvidenceOf.now(request, site));
    }

    /**
     * A log event is being made on this thread, by {@code framework}'s classes: the framework reads the
     * MDC into it. An entry an earlier request put there and left, still holding that value, which the
     * current request did not set itself, is read by this request.
     */
    public void logged(ThreadState ts, Class<?> framework) {
        RequestContext request = ts.activeRequest();
        if (request == null) {
            return;
        }
        for (ThreadValue slot : ts.threadLocals.toArray(new ThreadValue[0])) {
            if (!slot.isMdc() || slot.setter == null || slot.setter.id() == request.info().id()) {
                continue;
            }
            // Asked of the MDC this framework reads: an entry of the other API counts only when bridged into it.
            Object now = MdcLookup.get(framework, String.valueOf(slot.mdcKey().key()));
            if (now == null || System.identityHashCode(now) != slot.valueIdentity) {
                continue; // replaced or removed by code we do not see
            }
            Evidence reader = LogCallSite.reader(request.info());
            FlowJudge.Verdict v = ChannelJudge.carriedIntoLog(slot.state(), slot.setter.toString(),
                    slot.site.location(), request.info().toString(), Thread.currentThread().getName(),
                    reader.location());
            carried(slot, v, () -> reader);
        }
    }

    /** Records the carry-over error, or raises the value's left-set warning to it (same fingerprint). */
    private void carried(ThreadValue s, FlowJudge.Verdict v, java.util.function.Supplier<Evidence> reader) {
        String fp = Fingerprint.of(FindingType.THREADLOCAL_CARRYOVER, s.state(), s.site.fingerprintPart());
        Recording.recordOrRaise(findings, FindingType.THREADLOCAL_CARRYOVER, v, s.state(), fp, () -> setterEvidence(s),
                reader, null);
    }

    /** The request ends: what it set on this thread and left there is a warning. */
    public void requestEnded(ThreadState ts, RequestContext request) {
        if (VirtualThreads.isCurrent()) {
            ts.threadLocals.clear(); // a virtual thread serves one request and is never reused: nothing carries over
            return;
        }
        for (ThreadValue s : ts.threadLocals) {
            if (s.setter == null || s.setter.id() != request.info().id()) {
                continue;
            }
            FlowJudge.Verdict v = ChannelJudge.leftSet(s.state(), s.setter.toString(), s.site.location(),
                    VirtualThreads.currentName());
            String fp = Fingerprint.of(FindingType.THREADLOCAL_CARRYOVER, s.state(), s.site.fingerprintPart());
            Recording.record(findings, FindingType.THREADLOCAL_CARRYOVER, v, s.state(), fp, () -> setterEvidence(s),
                    () -> null, null);
        }
    }

    private static Evidence setterEvidence(ThreadValue s) {
        return EvidenceOf.earlier(s.setter, null, s.setter.thread(), s.site);
    }

    private static ThreadValue findMdc(ThreadState ts, String api, Object key) {
        for (ThreadValue s : ts.threadLocals) {
            if (s.isMdc(api, key)) {
                return s;
            }
        }
        return null;
    }

    private static ThreadValue find(ThreadState ts, Object key) {
        for (ThreadValue s : ts.threadLocals) {
            if (s.is(key)) {
                return s;
            }
        }
        return null;
    }
}
