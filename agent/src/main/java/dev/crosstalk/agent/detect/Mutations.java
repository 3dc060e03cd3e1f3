package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.detect.mutation.CalledHistories;
import dev.crosstalk.agent.detect.mutation.Conflict;
import dev.crosstalk.agent.state.LockSet;
import dev.crosstalk.agent.detect.mutation.MutationWords;
import dev.crosstalk.agent.detect.mutation.Use;
import dev.crosstalk.agent.detect.mutation.UseHistory;
import dev.crosstalk.agent.detect.mutation.UseKind;
import dev.crosstalk.agent.state.VectorClock;
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
import java.security.MessageDigest;
import java.text.DateFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Watches the JDK's non-thread-safe containers, builders, date formats, calendars and digests that sit
 * in shared state, and hands every call a request makes on one of them to that object's
 * {@link UseHistory} with the locks the thread holds and its {@link VectorClock}, which
 * {@code volatile} writes and reads in application code move (happens-before edges). An object is watched once it is seen in shared state: held by a static field or a session
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
    /** Clocks of {@code volatile} static fields, by state name; bounded by the field table. */
    private final java.util.concurrent.ConcurrentHashMap<String, VectorClock> staticClocks =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Clocks of {@code volatile} instance fields: per owner object, by field. */
    private final WeakIdentityMap<java.util.Map<String, VectorClock>> fieldClocks;
    /**
     * Identity hashes of owners that may have a field clock, as bits: a read of a {@code volatile}
     * field of an object nobody wrote one of in a request costs one bit test, not the map's monitor.
     */
    private final java.util.concurrent.atomic.AtomicLongArray clockedOwners =
            new java.util.concurrent.atomic.AtomicLongArray(1 << 14);
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

    /**
     * A detector recording into {@code findings}, watching at most {@code maxObjects} objects;
     * {@code madeOutsideRequests} tells objects made outside requests (which any request may reach).
     */
    public Mutations(FindingRegistry findings, SiteTable sites, int maxObjects, Predicate<Object> madeOutsideRequests) {
        this.findings = findings;
        this.sites = sites;
        this.madeOutsideRequests = madeOutsideRequests;
        this.watched = new WeakIdentityMap<>(maxObjects);
        this.roots = new WeakIdentityMap<>(maxObjects);
        this.halves = new WeakIdentityMap<>(maxObjects);
        this.accessOrdered = new WeakIdentityMap<>(maxObjects);
        this.fieldClocks = new WeakIdentityMap<>(maxObjects);
    }

    /** The JDK types that break when two threads change one instance (subclasses included). */
    static boolean watchedType(Object o) {
        return o instanceof HashMap || o instanceof ArrayList || o instanceof HashSet || o instanceof TreeMap
                || o instanceof TreeSet || o instanceof LinkedList || o instanceof ArrayDeque
                || o instanceof PriorityQueue || notThreadSafeObject(o);
    }

    /** Not containers: builders, and the date and digest types whose every call changes their state. */
    private static boolean notThreadSafeObject(Object o) {
        return o instanceof StringBuilder || o instanceof DateFormat || o instanceof Calendar
                || o instanceof MessageDigest;
    }

    private Watched admit(Object o, String state) {
        Watched w = watched.get(o);
        if (w != null || state == null || !watchedType(o)) {
            return w;
        }
        // Two requests' first calls on one object come together (both find a lazy registry empty): one
        // history for both, or each records into its own and their conflict is never seen.
        synchronized (watched) {
            w = watched.get(o);
            if (w != null) {
                return w;
            }
            w = new Watched(state, o.getClass().getSimpleName(), accessOrdered.get(o) != null);
            if (!watched.put(o, w)) {
                return null;
            }
        }
        Gates.admit(o);
        return w;
    }

    // ---- how objects come to be watched -----------------------------------------------------------

    /**
     * A static field was read or written with {@code value}: builders, date formats, calendars and
     * digests are watched from there on (containers, from their first call).
     */
    public void staticValue(Site site, Object value) {
        if (notThreadSafeObject(value) && site.field() != null) {
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

    /** {@code map} is a {@code LinkedHashMap} in access order: its {@code get} changes it. */
    public void accessOrdered(Object map) {
        accessOrdered.put(map, Boolean.TRUE);
    }

    // ---- locks --------------------------------------------------------------------------------

    /** {@code lock} was taken or released ({@link MutationHooks#MONITOR_ENTER} …) by the thread of {@code ts}. */
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

    /** {@code half} is the read ({@code read}) or write half of {@code readWriteLock}: both lock as one. */
    public void lockHalf(Object readWriteLock, Object half, boolean read) {
        if (readWriteLock != null && halves.get(half) == null) {
            halves.put(half, LockSet.entry(System.identityHashCode(readWriteLock), read));
        }
    }

    // ---- happens-before through volatile fields ---------------------------------------------------

    /**
     * A {@code volatile} field of {@code owner} (null: a static) named by {@code site} was written
     * (the hook runs just before the write) or read (just after). A write publishes what this thread
     * knows on the field; a read learns what the field's writers published. Only inside requests,
     * where the calls judged are made.
     */
    public void volatileAccess(ThreadState ts, Site site, Object owner, boolean write) {
        if (site == null || site.member() == null || ts.activeRequest() == null) {
            return;
        }
        // Two webapps' classes of one name are two fields.
        String name = site.webapp() == null ? site.member() : site.webapp() + "/" + site.member();
        VectorClock field = clockOf(owner, name, write);
        if (field == null) {
            return;
        }
        if (write) {
            ts.clock.releaseInto(field, Thread.currentThread().getId());
        } else {
            ts.clock.acquireFrom(field);
        }
    }

    /** The field's clock; made on a write only (a field nobody wrote in a request carries nothing). */
    private VectorClock clockOf(Object owner, String field, boolean create) {
        if (owner == null) {
            return create ? staticClocks.computeIfAbsent(field, k -> new VectorClock()) : staticClocks.get(field);
        }
        int bit = System.identityHashCode(owner) & ((1 << 20) - 1);
        if (!create && (clockedOwners.get(bit >>> 6) & (1L << bit)) == 0) {
            return null;
        }
        java.util.Map<String, VectorClock> fields = fieldClocks.get(owner);
        if (fields == null) {
            if (!create) {
                return null;
            }
            synchronized (fieldClocks) { // two first writers must share one map, or one's edge is lost
                fields = fieldClocks.get(owner);
                if (fields == null) {
                    fields = new java.util.concurrent.ConcurrentHashMap<>(2);
                    if (!fieldClocks.put(owner, fields)) {
                        return null;
                    }
                    long mask = 1L << bit;
                    clockedOwners.getAndUpdate(bit >>> 6, word -> word | mask);
                }
            }
        }
        return create ? fields.computeIfAbsent(field, k -> new VectorClock()) : fields.get(field);
    }

    // ---- calls --------------------------------------------------------------------------------

    /**
     * A container operation; {@code staticState} names the static field or
     * session attribute holding the container when the runtime knows one.
     */
    public void containerOp(Site site, ContainerOp op, Object container, Object key, Object value, RequestContext request,
            String staticState) {
        if (!watchedType(container)) {
            return; // a thread-safe container (most of what is shared): nothing to judge, no lookups
        }
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

    /**
     * A call on a watched builder, date format, calendar or digest ({@code MutationHooks.READ} …).
     * Returns whether the object is watched.
     */
    public boolean use(Site site, Object target, int kind, RequestContext request) {
        Watched w = watched.get(target);
        if (w == null) {
            return false;
        }
        if (request != null) {
            judge(w, site, request, kind == MutationHooks.WRITE ? UseKind.WRITE
                    : kind == MutationHooks.ITERATE ? UseKind.ITERATE : UseKind.READ, Use.NO_KEY, false, null);
        }
        return true;
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
        ThreadState ts = ThreadState.get();
        Use use = new Use(request.info().id(), request, me.getId(), me.getName(), site.id(), kind,
                ts.locks.snapshot(), order.incrementAndGet(), ts.clock.epochOf(me.getId()), key, missing);
        Conflict c = w.history.record(use, tag -> ((RequestContext) tag).inFlight(), ts.clock);
        request.data(CalledHistories.ON_REQUEST).add(w.history);
        if (c != null) {
            report(c, w, request, site, keyObject);
        }
    }

    /**
     * A request ended: the histories it called into, on any thread, forget its calls, which can conflict
     * with nothing any more (see {@link CalledHistories}).
     */
    public void requestEnded(RequestContext request) {
        CalledHistories called = request.dataIfMade(CalledHistories.ON_REQUEST);
        if (called != null) {
            called.ended(request.info().id());
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
