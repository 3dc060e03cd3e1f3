package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.detect.mutation.Conflict;
import dev.crosstalk.agent.detect.mutation.LockSet;
import dev.crosstalk.agent.detect.mutation.MutationWords;
import dev.crosstalk.agent.detect.mutation.Use;
import dev.crosstalk.agent.detect.mutation.UseHistory;
import dev.crosstalk.agent.detect.mutation.UseKind;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import dev.crosstalk.agent.state.HeldLocks;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.Stacks;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.Values;
import dev.crosstalk.agent.state.WeakIdentityMap;
import dev.crosstalk.bootstrap.Gates;
import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.bootstrap.MutationHooks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Watches the JDK's non-thread-safe containers and builders that sit in shared state, and hands every
 * call a request makes on one of them to that object's {@link UseHistory} with the locks the thread
 * holds. An object is watched once it is seen in shared state: held by a static field or a session
 * attribute, loaded from a field of an object made outside requests (a servlet, a singleton) or of
 * a session attribute, or got out of a watched container. That is the minimal "reachable from a
 * shared root" rule this detector needs; objects made and used inside one request are never
 * watched. Calls outside requests (start-up, class initialisers) are not judged.
 */
public final class Mutations {
    private final FindingRegistry findings;
    private final SiteTable sites;
    private final Predicate<Object> madeOutsideRequests;
    private final WeakIdentityMap<Watched> watched;
    /** Session attributes that are not containers: the containers in their fields are shared. */
    private final WeakIdentityMap<Boolean> roots;
    /** Read and write halves of {@code ReadWriteLock}s: the lock they belong to, and which half. */
    private final WeakIdentityMap<Long> halves;
    private final WeakIdentityMap<Boolean> accessOrdered;
    private final AtomicLong order = new AtomicLong();

    /** One watched object: its state name, type, and history. */
    private static final class Watched {
        final String state;
        final String type;
        final boolean accessOrder;
        final UseHistory history = new UseHistory();

        Watched(String state, String type, boolean accessOrder) {
            this.state = state;
            this.type = type;
            this.accessOrder = accessOrder;
        }
    }

    public Mutations(FindingRegistry findings, SiteTable sites, int maxObjects, Predicate<Object> madeOutsideRequests) {
        this.findings = findings;
        this.sites = sites;
        this.madeOutsideRequests = madeOutsideRequests;
        this.watched = new WeakIdentityMap<>(maxObjects);
        this.roots = new WeakIdentityMap<>(maxObjects);
        this.halves = new WeakIdentityMap<>(maxObjects);
        this.accessOrdered = new WeakIdentityMap<>(maxObjects);
    }

    /** The JDK types that break when two threads change one instance (subclasses included). */
    static boolean watchedType(Object o) {
        return o instanceof HashMap || o instanceof ArrayList || o instanceof StringBuilder || o instanceof HashSet
                || o instanceof TreeMap || o instanceof TreeSet || o instanceof LinkedList || o instanceof ArrayDeque
                || o instanceof PriorityQueue;
    }

    private Watched admit(Object o, String state) {
        Watched w = watched.get(o);
        if (w != null || state == null || !watchedType(o)) {
            return w;
        }
        w = new Watched(state, o.getClass().getSimpleName(), accessOrdered.get(o) != null);
        if (!watched.put(o, w)) {
            return null;
        }
        Gates.admit(o);
        return w;
    }

    // ---- how objects come to be watched -----------------------------------------------------------

    /** A static field was read or written with {@code value}: builders are watched from there on. */
    public void staticValue(Site site, Object value) {
        if (value instanceof StringBuilder && site.field() != null) {
            admit(value, site.field().stateName());
        }
    }

    /** {@code value} was loaded from a field of {@code owner}, which the hooks' filter thinks shared. */
    public void fieldValue(Site site, Object owner, Object value) {
        if (site == null || site.member() == null || !watchedType(value) || watched.get(value) != null) {
            return;
        }
        if (madeOutsideRequests.test(owner) || roots.get(owner) != null) {
            admit(value, site.member());
        }
    }

    /** A session attribute was set: a container is watched by the container path; others are roots. */
    public void sessionValue(Object value) {
        if (value != null && !watchedType(value) && !(value instanceof java.util.Map)
                && !(value instanceof java.util.Collection) && roots.put(value, Boolean.TRUE)) {
            Gates.root(value);
        }
    }

    public void accessOrdered(Object map) {
        accessOrdered.put(map, Boolean.TRUE);
    }

    // ---- locks --------------------------------------------------------------------------------

    public void lockEvent(ThreadState ts, Object lock, int event) {
        switch (event) {
            case MutationHooks.MONITOR_ENTER:
                if (ts.activeRequest() != null) {
                    ts.locks.push(lock, LockSet.entry(System.identityHashCode(lock), false), HeldLocks.MONITOR);
                }
                return;
            case MutationHooks.LOCK:
                if (ts.activeRequest() != null) {
                    Long half = halves.get(lock);
                    long entry = half != null ? half : LockSet.entry(System.identityHashCode(lock), false);
                    ts.locks.push(lock, entry, HeldLocks.LOCK);
                }
                return;
            default:
                ts.locks.pop(lock);
        }
    }

    public void lockHalf(Object readWriteLock, Object half, boolean read) {
        if (readWriteLock != null && halves.get(half) == null) {
            halves.put(half, LockSet.entry(System.identityHashCode(readWriteLock), read));
        }
    }

    // ---- calls --------------------------------------------------------------------------------

    /**
     * A container operation; {@code staticState} names the static field or
     * session attribute holding the container when the runtime knows one.
     */
    public void containerOp(Site site, ContainerOp op, Object container, Object key, Object value, RequestContext request,
            String staticState) {
        Watched w = watched.get(container);
        if (w == null) {
            w = admit(container, staticState);
        }
        if (w == null || request == null) {
            return;
        }
        UseKind kind;
        boolean keyed = false;
        boolean missing = false;
        switch (op) {
            case GET:
                kind = w.accessOrder ? UseKind.WRITE : UseKind.READ;
                keyed = key != null;
                missing = value == null;
                reach(value, w);
                break;
            case INDEX_GET:
                kind = UseKind.READ;
                reach(value, w);
                break;
            case CONTAINS:
                kind = UseKind.READ;
                keyed = key != null;
                missing = Boolean.FALSE.equals(value);
                break;
            case READ_ALL:
                kind = UseKind.ITERATE;
                break;
            case PUT:
            case PUT_IF_ABSENT:
            case MERGE:
                kind = UseKind.WRITE;
                keyed = key != null;
                break;
            case PUT_ALL:
            case ADD:
            case INDEX_SET:
            case REMOVE:
            case CLEAR:
                kind = UseKind.WRITE;
                break;
            default:
                throw op.unhandled();
        }
        judge(w, site, request, kind, keyed ? Values.keyDigest(key) : Use.NO_KEY, missing, key);
    }

    /** A call on a watched builder ({@code MutationHooks.READ} …). */
    public void use(Site site, Object target, int kind, RequestContext request) {
        Watched w = watched.get(target);
        if (w == null || request == null) {
            return;
        }
        judge(w, site, request, kind == MutationHooks.WRITE ? UseKind.WRITE
                : kind == MutationHooks.ITERATE ? UseKind.ITERATE : UseKind.READ, Use.NO_KEY, false, null);
    }

    /** A container got out of a watched one is reachable from the same root. */
    private void reach(Object value, Watched from) {
        if (value != null && watchedType(value) && watched.get(value) == null) {
            admit(value, from.state + "[…]");
        }
    }

    private void judge(Watched w, Site site, RequestContext request, UseKind kind, long key, boolean missing,
            Object keyObject) {
        if (site.sampleStack() == null) {
            site.sampleStack(Stacks.capture()); // once per site: the other side of a later conflict
        }
        Thread me = Thread.currentThread();
        Use use = new Use(request.info().id(), request, me.getId(), me.getName(), site.id(), kind,
                ThreadState.get().locks.snapshot(), order.incrementAndGet(), key, missing);
        Conflict c = w.history.record(use, tag -> ((RequestContext) tag).inFlight());
        if (c != null) {
            report(c, w, request, site, keyObject);
        }
    }

    private void report(Conflict c, Watched w, RequestContext request, Site site, Object key) {
        Site earlier = sites.get(c.earlier.site);
        if (earlier == null) {
            return;
        }
        String fp;
        FlowJudge.Verdict v;
        if (c.kind == Conflict.Kind.CHECK_THEN_ACT) {
            Site earlierStore = sites.get(c.earlierStore.site);
            Site laterCheck = sites.get(c.laterCheck.site);
            if (earlierStore == null || laterCheck == null) {
                return;
            }
            fp = Fingerprint.of(FindingType.UNSAFE_CONCURRENT_MUTATION, w.state, "check-then-act",
                    sorted(earlier, laterCheck), sorted(earlierStore, site));
            v = MutationWords.checkThenAct(w.state, w.type, Values.shownKey(key, false), side(c.earlier, earlier),
                    side(c.earlierStore, earlierStore), side(c.laterCheck, laterCheck), side(c.later, site));
        } else {
            // One finding per object: which pair of its sites meets first varies from run to run, the
            // bug (and its fingerprint) does not. The evidence names the first pair; the count, all of them.
            fp = Fingerprint.of(FindingType.UNSAFE_CONCURRENT_MUTATION, w.state, "race");
            v = MutationWords.race(w.state, w.type, side(c.earlier, earlier), side(c.later, site));
        }
        Use first = c.earlier;
        Recording.record(findings, FindingType.UNSAFE_CONCURRENT_MUTATION, v, w.state, fp,
                () -> EvidenceOf.earlier(((RequestContext) first.requestTag).info(), null, first.threadName, earlier),
                () -> EvidenceOf.now(request, site), null);
    }

    private static MutationWords.Side side(Use use, Site site) {
        return new MutationWords.Side(((RequestContext) use.requestTag).info().toString(), site.location(), use.kind,
                use.locks);
    }

    /** Both sites in a fixed order: the same pair is the same finding whichever request came first. */
    private static String sorted(Site a, Site b) {
        String x = a.fingerprintPart();
        String y = b.fingerprintPart();
        return x.compareTo(y) <= 0 ? x + "\n" + y : y + "\n" + x;
    }
}
