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
import java.util.List;
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
    /** Removed records kept per thread for reuse. */
    private static final int SPARES = 8;

    private final FindingRegistry findings;
    private final FieldTable fields;
    /** InheritableThreadLocal values set during requests: value identity -> the slot that set it. */
    private final WeakIdentityMap<ThreadValue> inheritable;

    /** A thread-locals detector recording into {@code findings}, naming states from {@code fields}, watching at most {@code cap} values. */
    public ThreadLocals(FindingRegistry findings, FieldTable fields, int cap) {
        this.findings = findings;
        this.fields = fields;
        this.inheritable = new WeakIdentityMap<>(cap);
    }

    /** A request set {@code value} into a thread-local (or the MDC key {@code key}) on this thread; null removes it. */
    public void set(ThreadState ts, Site site, Object key, boolean mdc, Object value) {
        RequestContext request = ts.activeRequest();
        String api = mdc ? String.valueOf(site.member()) : null;
        if (mdc && key == null) {
            for (int i = ts.threadLocals.size() - 1; i >= 0; i--) {
                ThreadValue s = ts.threadLocals.get(i);
                if (s.isMdc() && s.mdcKey().api().equals(api)) {
                    retire(ts, i, key);
                }
            }
            return;
        }
        int live = mdc ? indexOfMdc(ts.threadLocals, api, key) : indexOf(ts.threadLocals, key);
        if (value == null || request == null) {
            if (live >= 0) {
                retire(ts, live, key);
            }
            return;
        }
        ThreadValue slot;
        if (live >= 0) {
            slot = ts.threadLocals.get(live);
        } else {
            if (ts.threadLocals.size() >= PER_THREAD) {
                return;
            }
            int spare = mdc ? indexOfMdc(ts.spareThreadLocals, api, key) : indexOf(ts.spareThreadLocals, key);
            if (spare >= 0) {
                slot = ts.spareThreadLocals.remove(spare);
            } else {
                Object stateKey = key;
                slot = mdc ? new ThreadValue(new MdcKey(api, key),
                        () -> site.member() + "[" + fields.shownKey(stateKey) + "]")
                        : new ThreadValue(new WeakReference<>(key), site::member);
            }
            ts.threadLocals.add(slot);
        }
        slot.setter = request.info();
        slot.site = site;
        slot.value(value);
        if (site.sampleStack() == null) {
            site.sampleStack(Stacks.capture());
        }
        if (key instanceof InheritableThreadLocal) {
            slot.settle(); // the map below holds the record: it must not hold the value it is keyed by
            inheritable.put(value, slot);
        }
    }

    /**
     * The value at {@code i} was removed: its record leaves the thread's live ones, kept for reuse while
     * few. Not an inheritable one's: {@link #inheritable} still holds it for the threads that copied it.
     */
    private static void retire(ThreadState ts, int i, Object key) {
        ThreadValue slot = ts.threadLocals.remove(i);
        if (!(key instanceof InheritableThreadLocal) && ts.spareThreadLocals.size() < SPARES) {
            slot.setter = null; // names no request while spare
            slot.value(null);
            ts.spareThreadLocals.add(slot);
        }
    }

    /** A request read {@code value} from a thread-local (or the MDC key {@code key}) on this thread. */
    public void get(ThreadState ts, Site site, Object key, boolean mdc, Object value) {
        RequestContext request = ts.activeRequest();
        if (request == null) {
            return;
        }
        int live = mdc ? indexOfMdc(ts.threadLocals, String.valueOf(site.member()), key)
                : indexOf(ts.threadLocals, key);
        ThreadValue slot = live >= 0 ? ts.threadLocals.get(live) : null;
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
        } else if (!slot.holds(value)) {
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
        // By index, without a copy: nothing below sets or removes this thread's values.
        for (int i = 0; i < ts.threadLocals.size(); i++) {
            ThreadValue slot = ts.threadLocals.get(i);
            if (!slot.isMdc() || slot.setter == null || slot.setter.id() == request.info().id()) {
                continue;
            }
            // Asked of the MDC this framework reads: an entry of the other API counts only when bridged into it.
            Object now = MdcLookup.get(framework, String.valueOf(slot.mdcKey().key()));
            if (now == null || !slot.holds(now)) {
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
            s.settle();
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

    /**
     * A task handed on by a request has run on this (pool) thread: what it set and left is kept by
     * identity only from now on, as at a request's end, so the thread holds none of its values.
     */
    public void taskLeft(ThreadState ts) {
        for (ThreadValue s : ts.threadLocals) {
            s.settle();
        }
    }

    private static Evidence setterEvidence(ThreadValue s) {
        return EvidenceOf.earlier(s.setter, null, s.setter.thread(), s.site);
    }

    private static int indexOfMdc(List<ThreadValue> values, String api, Object key) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isMdc(api, key)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<ThreadValue> values, Object key) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).is(key)) {
                return i;
            }
        }
        return -1;
    }
}
