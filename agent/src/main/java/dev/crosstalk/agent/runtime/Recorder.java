package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.state.VirtualThreads;
import dev.crosstalk.agent.detect.Flows;
import dev.crosstalk.agent.detect.Overlaps;
import dev.crosstalk.agent.detect.EntryKeys;
import dev.crosstalk.agent.detect.Publications;
import dev.crosstalk.agent.detect.Mutations;
import dev.crosstalk.agent.detect.Resets;
import dev.crosstalk.agent.detect.ThreadLocals;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.Reachability;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.Stacks;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.Values;
import dev.crosstalk.agent.state.WeakIdentityMap;
import dev.crosstalk.agent.state.WriteRecord;
import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.bootstrap.Gates;
import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.MutationHooks;
import dev.crosstalk.bootstrap.Sink;
import java.lang.ref.WeakReference;
import dev.crosstalk.agent.userdata.Mark;
import dev.crosstalk.agent.userdata.UserMarks;
import java.util.Map;

/**
 * The dispatcher behind the hooks ({@link Hooks#install}): turns each hook event into updates of the
 * state room ({@code state}: which container belongs to which field, the last write of every cell,
 * what a request read) and hands the event to the detectors that judge it ({@code detect}: flows,
 * resets, publications, thread-locals, concurrent mutation). The request lifecycle is
 * {@link RequestLifecycle}'s. It judges nothing itself.
 *
 * <p>Hot path: a read of a static field no request has written returns after one flag check; a
 * container no one published never gets here at all (the hooks' identity filter).
 */
public final class Recorder implements Sink {
    private final SiteTable sites;
    private final FieldTable fields;
    private final FindingRegistry findings;
    private final WeakIdentityMap<StaticField> containers;
    private final RequestLifecycle requests;
    private final Publications publications;
    private final ClassValue<Boolean> structs;
    private final ThreadLocals threadLocals;
    private final Overlaps overlaps;
    private final Flows flows;
    private final Resets resets;
    private final Mutations mutations;
    /** Application objects another request can reach: their fields are shared state. */
    private final Reachability reach;
    private final ClassValue<Boolean> marked;

    /** A recorder that treats no application object as a struct (containers only). */
    public Recorder(SiteTable sites, FindingRegistry findings, int maxContainers) {
        this(sites, new FieldTable(10_000, false), findings, maxContainers, type -> false);
    }

    /**
     * @param isStruct which classes are application classes whose objects, stored into shared state
     *                 and then filled field by field, are "structs" (the plain-object settings)
     */
    public Recorder(SiteTable sites, FieldTable fields, FindingRegistry findings, int maxContainers,
            java.util.function.Predicate<Class<?>> isStruct) {
        this(sites, fields, findings, maxContainers, isStruct, type -> false);
    }

    /**
     * @param isMarked which classes the application marked as shared on purpose ({@code @ThreadSafe}):
     *                 their objects are neither containers nor structs, even when they are maps
     */
    public Recorder(SiteTable sites, FieldTable fields, FindingRegistry findings, int maxContainers,
            java.util.function.Predicate<Class<?>> isStruct, java.util.function.Predicate<Class<?>> isMarked) {
        this.marked = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return isMarked.test(type);
            }
        };
        this.sites = sites;
        this.fields = fields;
        this.findings = findings;
        this.containers = new WeakIdentityMap<>(maxContainers);
        this.publications = new Publications(findings);
        this.threadLocals = new ThreadLocals(findings, fields, maxContainers);
        this.overlaps = new Overlaps(findings);
        this.flows = new Flows(findings);
        this.resets = new Resets(findings);
        this.reach = new Reachability(maxContainers);
        this.mutations = new Mutations(findings, sites, maxContainers, o -> reach.scope(o) != null);
        this.requests = new RequestLifecycle(publications, threadLocals, mutations);
        this.structs = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return !type.isEnum() && !type.isArray() && !type.isSynthetic()
                        && !"java.lang.Record".equals(type.getSuperclass() == null ? null : type.getSuperclass().getName())
                        && isStruct.test(type) && !isMarked.test(type);
            }
        };
    }

    private boolean isContainer(Object value) {
        return Values.isContainer(value) && !marked.get(value.getClass());
    }

    private boolean isStruct(Object value) {
        return value != null && structs.get(value.getClass());
    }

    /** Requests entered so far. */
    public long requests() {
        return requests.requests();
    }

    /** Containers currently tracked. */
    public long trackedContainers() {
        return containers.size();
    }

    /** Containers not tracked because the cap ({@code max-containers}) was reached. */
    public long containersNotTracked() {
        return containers.dropped();
    }

    // ---- static fields ------------------------------------------------------------------------

    @Override
    public void staticRead(int siteId, Object value) {
        Site site = sites.get(siteId);
        if (site == null) {
            return;
        }
        StaticField field = site.field();
        mutations.staticValue(site, value);
        if (value != null && isContainer(value)) {
            track(field, value);
            if (field.resettable) {
                RequestContext request = ThreadState.get().activeRequest();
                if (request != null) {
                    resets.check(field, site, request);
                }
            }
            return;
        }
        if (!field.requestWritten) {
            return;
        }
        RequestContext request = ThreadState.get().activeRequest();
        if (request == null) {
            return;
        }
        StateCell cell = field.valueCell();
        boolean primitive = field.primitive();
        if (primitive || value != null) {
            request.remember(cell, RequestContext.READ_PRESENT);
        }
        flows.read(cell, site, request, primitive ? 0L : Values.digest(value), !primitive);
    }

    @Override
    public void staticWrite(int siteId, Object value, long bits) {
        Site site = sites.get(siteId);
        if (site == null) {
            return;
        }
        StaticField field = site.field();
        ThreadState ts = ThreadState.get();
        RequestContext request = ts.activeRequest();
        boolean container = value != null && isContainer(value);
        if (container) {
            if (Values.isEmptyContainer(value)) {
                emptied(ts, site, request);
            }
            if (request != null && Values.isEmptyContainer(value) && field.container.get() != null
                    && field.container.get() != value) {
                resets.reset(field, site, request); // a fresh empty container; a complete one is copy-on-write
            }
            track(field, value);
        }
        if (!container && isStruct(value)) {
            reach.published(value, false);
        }
        if (ts.classInitDepth == 0 && (container || isStruct(value))) {
            publications.open(value, container, field.stateName(), site, request);
        }
        if (ts.classInitDepth == 0) {
            guard(field, site, ts, request, container || isStruct(value), value, bits, null);
        }
        long digest = field.primitive() ? bits : Values.digest(value);
        StateCell cell = field.valueCell();
        WriteRecord w = record(request, site, digest, UserMarks.markOf(request, value));
        if (request == null) {
            cell.initWrite(w);
            return;
        }
        if (container) {
            // A fresh container replaces the contents: what this request adds next overwrites, not accumulates.
            cell.initWrite(w);
            request.remember(field.contentsCell(), RequestContext.RESET);
            return;
        }
        field.requestWritten = true;
        cell.requestWrite(w, site.readModifyWrite() || request.did(cell, RequestContext.READ_PRESENT));
    }

    /**
     * A static write under someone's guard flag is a fill of guarded state; a write that says "ready"
     * opens a guard window: a boolean set true, or a sentinel ({@code Boolean.TRUE}, a bare
     * {@code new Object()}, for a static also an enum constant). A number incremented
     * ({@code version++}), static or in a shared object, is remembered: it is a version if the same
     * method then empties shared state ({@link #emptied}). Numbers stored whole and strings are left
     * out: a field holding one request's id or name followed by more writes is per-request data, judged
     * as flows, not a flag. In an instance field ({@code owner} not null) only a flag the method checked
     * before setting it is one (an object's {@code running = true} is its state), and an object's enum
     * fields are its life-cycle; the window is judged only if another thread reads that object's flag
     * while it is open ({@link Publications#openInstanceGuard}). No window opens for the flag of a
     * start-up object only its maker has reached (nobody else can read it yet), nor at a site that set
     * the flag of one object twice ({@link Site#setsFlagOnce}).
     */
    private void guard(StaticField field, Site site, ThreadState ts, RequestContext request, boolean published,
            Object value, long bits, Object owner) {
        boolean isStatic = owner == null;
        if (isStatic && publications.anyOpen()) {
            publications.write(Publications.GUARDED, field.stateName(), site);
        }
        String type = field.descriptor();
        if (field.primitive() && site.readModifyWrite() && ("I".equals(type) || "J".equals(type))) {
            ts.incremented(site, request);
            return;
        }
        boolean ready = field.primitive() ? bits != 0 && "Z".equals(type)
                : !published && isSentinel(value, isStatic);
        if (!ready || site.method() == 0) {
            return;
        }
        if (isStatic) {
            publications.openGuard(field.stateName(), site, request);
        } else if (site.readModifyWrite() && (request != null || !reach.onlyMadeHere(owner))
                && site.setsFlagOnce(owner)) {
            publications.openInstanceGuard(owner, field.stateName(), site, request);
        }
    }

    /** {@code version.incrementAndGet()}: remembered as {@code version++} is ({@link #guard}). */
    @Override
    public void atomicIncrement(int siteId) {
        Site site = sites.get(siteId);
        ThreadState ts = ThreadState.get();
        if (site != null && site.field() != null && ts.classInitDepth == 0) {
            ts.incremented(site, ts.activeRequest());
        }
    }

    /**
     * Shared state was emptied at {@code site} (a clear, a fresh empty container). If the same request
     * incremented a number before in a method that has not returned yet ({@code version++;
     * RATES.clear(); readRates()}, or {@code version++; reload()} with the clearing in {@code reload}),
     * that number said "new" before the state it versions was refilled: a guard window opens on it now,
     * so the refills are its fills and a reader that misses one is a partial-init read. A counter bumped
     * before writes that empty nothing opens nothing; nor does one bumped in a method that returned
     * before something else emptied state, nor a version bumped last.
     */
    private void emptied(ThreadState ts, Site site, RequestContext request) {
        Site version = ts.incremented;
        if (version == null) {
            return;
        }
        ts.incremented = null;
        if (ts.incrementedIn == request && version.method() != 0
                && (version.sameMethod(site) || version.methodRunning())) {
            publications.openGuard(version.field().stateName(), version, request);
        }
    }

    private static boolean isSentinel(Object value, boolean isStatic) {
        return Boolean.TRUE.equals(value) || isStatic && value instanceof Enum
                || value != null && value.getClass() == Object.class;
    }

    private void track(StaticField field, Object container) {
        if (field.container.get() == container) {
            return;
        }
        if (containers.put(container, field)) {
            Gates.admit(container);
            field.container = new WeakReference<>(container);
        }
    }

    // ---- containers ---------------------------------------------------------------------------

    @Override
    public void containerOp(int siteId, ContainerOp op, Object container, Object key, Object value) {
        Site site = sites.get(siteId);
        if (site == null) {
            return;
        }
        ThreadState ts = ThreadState.get();
        RequestContext request = ts.activeRequest();
        boolean published = publications.anyOpen();
        if (published) {
            window(op, container, key, value, site, request);
            published = publications.covers(container);
        }
        StaticField field = site.boundField(container);
        if (field == null) {
            field = containers.get(container);
            if (field == null) {
                if (!published) {
                    mutations.containerOp(site, op, container, key, value, request, null);
                }
                return;
            }
            site.bind(container, field);
        }
        if (!published) {
            mutations.containerOp(site, op, container, key, value, request, field.stateName());
        }
        if (request != null && field.resettable && op.read) {
            resets.check(field, site, request);
        }
        if (publications.anyOpen()) {
            guarded(op, field, key, value, site, request);
        }
        if (ts.classInitDepth == 0 && (op == ContainerOp.PUT || op == ContainerOp.PUT_IF_ABSENT)
                && (isContainer(value) || isStruct(value))) {
            if (!isContainer(value)) {
                reach.published(value, field.sessionScoped);
            }
            publications.openEntry(value, isContainer(value), field.stateName() + "[" + fields.shownKey(key) + "]",
                    site, request, !EntryKeys.nameableByOthers(key, reach::reachable)
                            || request == null && reach.heldOnlyHere(container));
        }
        switch (op) {
            case GET:
            case INDEX_GET: {
                if (request == null || value == null) {
                    return;
                }
                StateCell cell = op == ContainerOp.GET ? field.keyCell(key) : field.contentsCell();
                request.remember(cell, RequestContext.READ_PRESENT);
                if (op == ContainerOp.GET) {
                    UserMarks.lookedUp(request, key, value);
                }
                if (field.requestWritten) {
                    flows.read(cell, site, request, Values.digest(value), true);
                }
                return;
            }
            case CONTAINS:
                if (request != null && Boolean.TRUE.equals(value)) {
                    request.remember(key == null ? field.contentsCell() : field.keyCell(key),
                            RequestContext.READ_PRESENT);
                }
                return;
            case READ_ALL:
                if (request != null && field.requestWritten) {
                    flows.read(field.contentsCell(), site, request, 0L, false);
                }
                return;
            case PUT:
            case PUT_IF_ABSENT:
            case MERGE: {
                StateCell cell = field.keyCell(key);
                boolean accumulation = op == ContainerOp.MERGE
                        || op == ContainerOp.PUT && request != null && request.did(cell, RequestContext.READ_PRESENT);
                write(field, cell, site, request, Values.digest(value), accumulation,
                        UserMarks.beyondKey(request, key, value));
                return;
            }
            case INDEX_SET:
                write(field, field.contentsCell(), site, request, Values.digest(value),
                        request != null && request.did(field.contentsCell(), RequestContext.READ_PRESENT),
                        UserMarks.markOf(request, value));
                return;
            case PUT_ALL:
                if (value instanceof Map) {
                    int n = 0;
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                        if (n++ == 1000) {
                            break;
                        }
                        write(field, field.keyCell(e.getKey()), site, request, Values.digest(e.getValue()), false,
                                null);
                    }
                }
                return;
            case ADD: {
                StateCell cell = field.contentsCell();
                boolean refill = request != null && request.did(cell, RequestContext.RESET);
                write(field, cell, site, request, Values.digest(value), !refill, UserMarks.markOf(request, value));
                return;
            }
            case REMOVE:
                (key == null ? field.contentsCell() : field.keyCell(key)).initWrite(record(request, site, 0L));
                return;
            case CLEAR:
                emptied(ts, site, request);
                field.contentsCell().initWrite(record(request, site, 0L));
                field.resettable = true;
                if (request != null) {
                    request.remember(field.contentsCell(), RequestContext.RESET);
                    resets.reset(field, site, request);
                }
                return;
            default:
                throw op.unhandled();
        }
    }

    /** Feeds an operation on a tracked container to the open guard windows, naming its state. */
    private void guarded(ContainerOp op, StaticField field, Object key, Object value, Site site, RequestContext request) {
        switch (op) {
            case PUT:
            case PUT_IF_ABSENT:
            case MERGE:
                publications.write(Publications.GUARDED, field.stateName() + "[" + fields.shownKey(key) + "]", site);
                return;
            case GET:
                if (value == null) {
                    publications.read(Publications.GUARDED, field.stateName() + "[" + fields.shownKey(key) + "]",
                            Boolean.TRUE, site, request);
                }
                return;
            case CONTAINS:
                if (key != null && !Boolean.TRUE.equals(value)) {
                    publications.read(Publications.GUARDED, field.stateName() + "[" + fields.shownKey(key) + "]",
                            Boolean.TRUE, site, request);
                }
                return;
            case INDEX_GET:
            case READ_ALL:
            case PUT_ALL:
            case ADD:
            case INDEX_SET:
            case REMOVE:
            case CLEAR:
                return; // the guard windows watch keyed state only
            default:
                throw op.unhandled();
        }
    }

    /** Feeds an operation on a container to the open publication windows. */
    private void window(ContainerOp op, Object container, Object key, Object value, Site site, RequestContext request) {
        switch (op) {
            case GET:
                publications.read(container, fields.shownKey(key), value == null, site, request);
                return;
            case CONTAINS:
                publications.read(container, key == null ? "[*]" : fields.shownKey(key), !Boolean.TRUE.equals(value),
                        site, request);
                return;
            case PUT_IF_ABSENT:
                publications.write(container, fields.shownKey(key), site,
                        container instanceof java.util.concurrent.ConcurrentMap);
                return;
            case PUT:
            case MERGE:
                publications.write(container, fields.shownKey(key), site);
                return;
            case PUT_ALL:
                if (value instanceof Map) {
                    for (Object k : ((Map<?, ?>) value).keySet()) {
                        publications.write(container, fields.shownKey(k), site);
                    }
                }
                return;
            case ADD:
            case INDEX_SET:
                publications.write(container, "[*]", site);
                return;
            case INDEX_GET:
            case READ_ALL:
            case REMOVE:
            case CLEAR:
                return; // neither fills a published object nor reads one before it is filled
            default:
                throw op.unhandled();
        }
    }

    // ---- shared objects' instance fields -------------------------------------------------------

    @Override
    public void constructed(Object self) {
        ThreadState ts = ThreadState.get();
        if (ts.activeRequest() == null) {
            reach.madeOutsideRequests(self, ts);
        }
    }

    /**
     * Who can reach {@code owner} ({@link Reachability#scope}). A singleton is accessed at the same sites
     * over and over: each site remembers the last owner it proved reachable by every request, so the
     * locked map is asked once.
     */
    private Boolean scopeOf(Site site, Object owner) {
        if (site.boundField(owner) != null) {
            return Reachability.EVERY_REQUEST;
        }
        Boolean scope = reach.scope(owner);
        if (scope == Reachability.EVERY_REQUEST) {
            site.bind(owner, site.field());
        }
        return scope;
    }

    /** A field of an object only one session's requests reach is session state. */
    private static void sessionField(StaticField field) {
        if (!field.sessionScoped) {
            field.sessionScoped = true;
        }
    }

    @Override
    public void instanceWrite(int siteId, Object owner, Object value, long bits) {
        Site site = sites.get(siteId);
        if (site == null || site.field() == null || owner == null) {
            return;
        }
        Boolean scope = scopeOf(site, owner);
        if (scope == null) {
            return; // a bit-set collision: an object of one request
        }
        StaticField field = site.field();
        ThreadState ts = ThreadState.get();
        RequestContext request = ts.activeRequest();
        if (scope == Reachability.ONE_SESSION) {
            sessionField(field);
        }
        if (value != null) {
            stored(field, site, ts, request, value, scope == Reachability.ONE_SESSION);
        }
        if (ts.classInitDepth == 0) {
            guard(field, site, ts, request, isContainer(value) || isStruct(value), value, bits, owner);
        }
        StateCell cell = field.valueCell();
        WriteRecord w = record(request, site, value != null ? Values.digest(value) : bits,
                UserMarks.markOf(request, value));
        if (request == null) {
            cell.initWrite(w);
            return;
        }
        if (isContainer(value)) {
            // As for a static: a fresh container replaces the contents, whose keys carry the flows.
            cell.initWrite(w);
            request.remember(field.contentsCell(), RequestContext.RESET);
            return;
        }
        if (!field.requestWritten) {
            field.requestWritten = true;
            Gates.sharedFieldWritten();
        }
        cell.requestWrite(w, site.readModifyWrite() || request.did(cell, RequestContext.READ_PRESENT));
    }

    /**
     * {@code value} was stored into a field of a reachable object, and is reachable now as well: a
     * container is tracked under the field (an empty one replacing another is a reset), an application
     * object's own fields become shared. Inside a request, this is a publication; at start-up the owner
     * is usually still being wired, before any request can reach it.
     */
    private void stored(StaticField field, Site site, ThreadState ts, RequestContext request, Object value,
            boolean session) {
        boolean container = isContainer(value);
        if (container) {
            field.resettable = true;
            if (Values.isEmptyContainer(value)) {
                emptied(ts, site, request);
            }
            Object before = field.container.get();
            if (request != null && Values.isEmptyContainer(value) && before != null && before != value) {
                resets.reset(field, site, request);
            }
            track(field, value);
        } else if (isStruct(value)) {
            reach.published(value, session);
        } else {
            return;
        }
        if (request != null && ts.classInitDepth == 0) {
            publications.open(value, container, field.stateName(), site, request);
        }
    }

    @Override
    public void containerReached(int siteId, Object owner, Object container) {
        Site site = sites.get(siteId);
        if (site == null || site.field() == null || !isContainer(container)) {
            return;
        }
        Boolean scope = scopeOf(site, owner);
        if (scope == null) {
            return;
        }
        if (scope == Reachability.ONE_SESSION) {
            sessionField(site.field());
        }
        // Whoever clears or replaces it later resets what readers in flight use: they note what they saw.
        site.field().resettable = true;
        track(site.field(), container);
        if (ThreadState.get().activeRequest() == null) {
            reach.reachedThrough(container, owner);
        }
    }

    @Override
    public void instanceRead(int siteId, Object owner, Object value, long bits) {
        Site site = sites.get(siteId);
        if (site == null || site.field() == null || !site.field().requestWritten) {
            return;
        }
        RequestContext request = ThreadState.get().activeRequest();
        if (request == null || isContainer(value) || scopeOf(site, owner) == null) {
            return;
        }
        StateCell cell = site.field().valueCell();
        request.remember(cell, RequestContext.READ_PRESENT);
        flows.read(cell, site, request, value != null ? Values.digest(value) : bits, true);
    }

    // ---- thread locals, the MDC, objects that are not thread-safe ------------------------------

    @Override
    public void threadLocalSet(int siteId, ThreadLocal<?> tl, Object value) {
        Site site = sites.get(siteId);
        if (site != null && tl != null) {
            threadLocals.set(ThreadState.get(), site, tl, false, value);
        }
    }

    @Override
    public void threadLocalGet(int siteId, ThreadLocal<?> tl, Object value) {
        Site site = sites.get(siteId);
        if (site != null && tl != null) {
            threadLocals.get(ThreadState.get(), site, tl, false, value);
        }
    }

    @Override
    public void mdcPut(int siteId, Object key, Object value) {
        Site site = sites.get(siteId);
        if (site != null) {
            threadLocals.set(ThreadState.get(), site, key, true, value);
        }
    }

    @Override
    public void mdcGet(int siteId, Object key, Object value) {
        Site site = sites.get(siteId);
        if (site != null && key != null) {
            threadLocals.get(ThreadState.get(), site, key, true, value);
        }
    }

    @Override
    public void logEvent(Class<?> framework) {
        ThreadState ts = ThreadState.get();
        if (!ts.threadLocals.isEmpty()) {
            threadLocals.logged(ts, framework);
        }
    }

    @Override
    public Object mutationEnter(int siteId, Object target) {
        return mutationEnter(siteId, target, MutationHooks.WRITE);
    }

    @Override
    public Object mutationEnter(int siteId, Object target, int kind) {
        Site site = sites.get(siteId);
        if (site == null) {
            return null;
        }
        RequestContext request = ThreadState.get().activeRequest();
        // Seen in shared state: judged by the lockset between calls; otherwise only an overlap proves a race.
        boolean watched = Gates.maybeTracked(target) && mutations.use(site, target, kind, request);
        return watched ? null : overlaps.enter(request, site, target);
    }

    @Override
    public void mutationUse(int siteId, Object target, int kind) {
        Site site = sites.get(siteId);
        if (site != null) {
            mutations.use(site, target, kind, ThreadState.get().activeRequest());
        }
    }

    @Override
    public void sharedFieldValue(int siteId, Object owner, Object value) {
        mutations.fieldValue(sites.get(siteId), owner, value);
    }

    @Override
    public void lockEvent(Object lock, int event) {
        mutations.lockEvent(ThreadState.get(), lock, event);
    }

    @Override
    public void volatileAccess(int siteId, Object owner, boolean write) {
        mutations.volatileAccess(ThreadState.get(), sites.get(siteId), owner, write);
    }

    @Override
    public void lockHalf(Object readWriteLock, Object half, boolean read) {
        mutations.lockHalf(readWriteLock, half, read);
    }

    @Override
    public void accessOrdered(Object map) {
        mutations.accessOrdered(map);
    }

    @Override
    public void mutationExit(Object token) {
        overlaps.exit(token);
    }

    // ---- instance fields, publishing methods, sessions -----------------------------------------

    @Override
    public void fieldAccess(int siteId, Object owner, boolean write) {
        Site site = sites.get(siteId);
        if (site == null || owner == null) {
            return;
        }
        if (write) {
            publications.write(owner, site.member(), site);
        } else {
            publications.flagRead(owner, site);
            publications.read(owner, site.member(), null, site, ThreadState.get().activeRequest());
        }
    }

    @Override
    public void methodExit(int method) {
        publications.methodExit(method);
    }

    @Override
    public void sessionAttribute(int siteId, Object name, Object value) {
        Site site = sites.get(siteId);
        boolean container = isContainer(value);
        if (site == null || name == null || !(container || isStruct(value))) {
            return;
        }
        String owner = site.member() == null ? "HttpSession" : site.member();
        boolean session = !owner.endsWith(".ServletContext");
        StaticField field = session ? fields.sessionAttribute(owner, String.valueOf(name), site.webapp())
                : fields.contextAttribute(owner, String.valueOf(name), site.webapp());
        if (field == null) {
            return; // the field table is full: this attribute is not watched
        }
        ThreadState ts = ThreadState.get();
        RequestContext request = ts.activeRequest();
        mutations.sessionValue(value);
        if (request != null && Values.isEmptyContainer(value)) {
            resets.reset(field, site, request);
        }
        if (container) {
            containers.put(value, field);
            Gates.admit(value);
        } else {
            reach.published(value, session);
        }
        if (ts.classInitDepth == 0) {
            publications.open(value, container, field.stateName(), site, request);
        }
    }

    private void write(StaticField field, StateCell cell, Site site, RequestContext request, long digest,
            boolean accumulation, Mark mark) {
        WriteRecord w = record(request, site, digest, mark);
        if (request == null) {
            cell.initWrite(w);
            return;
        }
        field.requestWritten = true;
        cell.requestWrite(w, accumulation);
        if (cell != field.contentsCell()) {
            field.contentsCell().last = w;
        }
    }

    private static WriteRecord record(RequestContext request, Site site, long digest) {
        return record(request, site, digest, null);
    }

    /** @param mark the writer's inputs the value derives from, beyond a key's (see {@link UserMarks}) */
    private static WriteRecord record(RequestContext request, Site site, long digest, Mark mark) {
        if (request == null) {
            return new WriteRecord(null, null, site, digest);
        }
        if (site.sampleStack() == null) {
            site.sampleStack(Stacks.capture());
        }
        return new WriteRecord(request.info(), VirtualThreads.currentName(), site, digest, mark);
    }

    // ---- requests -----------------------------------------------------------------------------

    /** The servlet requests that called {@code startAsync}, for the handoff hooks. */
    AsyncDispatches asyncDispatches() {
        return requests.asyncDispatches;
    }

    @Override
    public Object requestEnter(Object request, int kind, int entry) {
        return requests.enter(request, kind, entry);
    }

    @Override
    public void requestExit(Object token) {
        requests.exit(token);
    }

    @Override
    public Object captureContext() {
        return requests.capture();
    }

    @Override
    public Object attachContext(Object context) {
        return requests.attach(context);
    }

    @Override
    public void detachContext(Object previous) {
        requests.detach(previous);
    }

    @Override
    public java.util.List<java.util.Map<String, Object>> findings() {
        java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        for (Finding f : findings.all()) {
            out.add(dev.crosstalk.agent.finding.FindingFields.of(f.snapshot()));
        }
        return out;
    }

    @Override
    public void classInitEnter() {
        ThreadState.get().classInitDepth++;
    }

    @Override
    public void classInitExit() {
        ThreadState ts = ThreadState.get();
        if (ts.classInitDepth > 0) {
            ts.classInitDepth--;
        }
    }
}
