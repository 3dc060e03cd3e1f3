package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.detect.Accumulations;
import dev.crosstalk.agent.detect.EntryKeys;
import dev.crosstalk.agent.detect.Flows;
import dev.crosstalk.agent.detect.GuardFlags;
import dev.crosstalk.agent.detect.Mutations;
import dev.crosstalk.agent.detect.Overlaps;
import dev.crosstalk.agent.detect.Publications;
import dev.crosstalk.agent.detect.Resets;
import dev.crosstalk.agent.detect.ThreadLocals;
import dev.crosstalk.agent.detect.WindowFeed;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.Reachability;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.Values;
import dev.crosstalk.agent.userdata.UserMarks;
import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.bootstrap.Gates;
import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.MutationHooks;
import dev.crosstalk.bootstrap.Sink;

/**
 * The dispatcher behind the hooks ({@link Hooks#install}): turns each hook event into updates of the
 * state room ({@code state}: which container belongs to which field, the last write of every cell,
 * what a request read) and hands the event to the detectors that judge it ({@code detect}: flows,
 * resets, publications, thread-locals, concurrent mutation). The bookkeeping is delegated by
 * channel: {@link CellUpdates} (cells' writes and reads), {@link TrackedContainers} (which container
 * belongs to which field), {@link SharedObjects} (fields of objects other requests reach); the
 * request lifecycle is {@link RequestLifecycle}'s. It judges nothing itself: what an event means
 * (an accumulation, a ready flag, a reset, a fill) is asked of the detectors.
 *
 * <p>Hot path: a read of a static field no request has written returns after one flag check; a
 * container no one published never gets here at all (the hooks' identity filter).
 */
public final class Recorder implements Sink {
    private final SiteTable sites;
    private final FieldTable fields;
    private final FindingRegistry findings;
    private final TrackedContainers containers;
    private final SharedObjects objects;
    private final Attributes attributes;
    private final RequestLifecycle requests;
    private final Publications publications;
    private final GuardFlags guards;
    private final WindowFeed windows;
    private final CellUpdates cells;
    private final ValueKinds kinds;
    private final ThreadLocals threadLocals;
    private final Overlaps overlaps;
    private final Flows flows;
    private final Resets resets;
    private final Mutations mutations;
    /** Application objects another request can reach: their fields are shared state. */
    private final Reachability reach;

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
        Gates.staticsChanged(); // site ids of an earlier recorder's table mean other fields here
        this.kinds = new ValueKinds(isStruct, isMarked);
        this.sites = sites;
        this.fields = fields;
        this.findings = findings;
        this.publications = new Publications(findings);
        this.reach = new Reachability(maxContainers);
        this.guards = new GuardFlags(publications, fields, reach);
        this.windows = new WindowFeed(publications, fields);
        this.threadLocals = new ThreadLocals(findings, fields, maxContainers);
        this.overlaps = new Overlaps(findings);
        this.resets = new Resets(findings);
        this.flows = new Flows(findings);
        this.cells = new CellUpdates(flows, resets, guards);
        this.mutations = new Mutations(findings, sites, maxContainers, o -> reach.scope(o) != null);
        this.requests = new RequestLifecycle(publications, threadLocals, mutations);
        this.containers = new TrackedContainers(maxContainers, guards, resets);
        this.objects = new SharedObjects(reach, kinds, containers, cells, guards, publications, flows);
        this.attributes = new Attributes(fields, kinds, containers, reach, mutations, resets, publications);
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
        int generation = Gates.staticsGeneration(); // before the flags: a change after them bumps it
        Site site = sites.get(siteId);
        if (site == null) {
            return;
        }
        StaticField field = site.field();
        mutations.staticValue(site, value);
        boolean container = value != null && kinds.isContainer(value);
        if (container) {
            containers.track(field, value);
            if (field.resettable) {
                RequestContext request = ThreadState.get().activeRequest();
                if (request != null) {
                    resets.check(field, site, request);
                }
            }
            if (!field.valueCell().userDerived()) {
                settleContainer(siteId, field, value, generation);
                return; // its contents carry the flows
            }
        }
        if (!field.requestWritten) {
            if (container) {
                settleContainer(siteId, field, value, generation);
            } else {
                Gates.settle(siteId, value, generation); // nobody wrote it in a request: nothing to judge
            }
            return;
        }
        ThreadState ts = ThreadState.get();
        RequestContext request = ts.activeRequest();
        if (request == null) {
            return;
        }
        StateCell cell = field.valueCell();
        boolean primitive = field.primitive();
        if (primitive || value != null) {
            request.remember(cell, Accumulations.ofRead(cell, request, ts));
        }
        flows.read(cell, site, request, primitive ? 0L : Values.digest(value), !primitive);
    }

    /** A container read needs nothing more once it is tracked and its field cannot be reset under a reader. */
    private static void settleContainer(int siteId, StaticField field, Object value, int generation) {
        if (!field.resettable && field.container.get() == value) {
            Gates.settle(siteId, value, generation);
        }
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
        boolean container = value != null && kinds.isContainer(value);
        boolean struct = !container && kinds.isStruct(value);
        if (container) {
            containers.stored(field, site, ts, request, value);
        } else if (struct) {
            reach.published(value, false);
        }
        if (ts.classInitDepth == 0) {
            if (container || struct) {
                publications.open(value, container, field.stateName(), site, request);
            }
            guards.written(field, site, ts, request, container || struct, value, bits, null);
        }
        cells.valueWritten(field, site, request, field.primitive() ? bits : Values.digest(value),
                UserMarks.markOf(request, value), container, false);
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
            windows.containerOp(op, container, key, value, site, request);
            published = publications.covers(container);
        }
        StaticField field = site.boundField(container);
        if (field == null) {
            field = containers.fieldOf(container);
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
            guards.containerOp(op, field, key, value, site, request);
        }
        if (ts.classInitDepth == 0 && (op == ContainerOp.PUT || op == ContainerOp.PUT_IF_ABSENT)
                && (kinds.isContainer(value) || kinds.isStruct(value))) {
            entryStored(field, container, key, value, site, request);
        }
        cells.containerOp(op, field, key, value, site, ts, request);
    }

    /**
     * A container or struct was put under {@code key} of the tracked {@code field}: a publication, which
     * other requests see only when they can name the key, or, at start-up, when another thread has
     * reached the {@code container} at all.
     */
    private void entryStored(StaticField field, Object container, Object key, Object value, Site site,
            RequestContext request) {
        boolean entryIsContainer = kinds.isContainer(value);
        if (!entryIsContainer) {
            reach.published(value, field.sessionScoped);
        }
        publications.openEntry(value, entryIsContainer, field.stateName() + "[" + fields.shownKey(key) + "]",
                site, request, !EntryKeys.nameableByOthers(key, reach::reachable)
                        || request == null && reach.heldOnlyHere(container));
    }

    // ---- shared objects' instance fields -------------------------------------------------------

    @Override
    public void constructed(Object self) {
        objects.constructed(self);
    }

    /** {@code version.incrementAndGet()}: remembered as {@code version++} is ({@link GuardFlags#written}). */
    @Override
    public void atomicIncrement(int siteId) {
        guards.atomicIncrement(sites.get(siteId), ThreadState.get());
    }

    @Override
    public void instanceWrite(int siteId, Object owner, Object value, long bits) {
        objects.written(sites.get(siteId), owner, value, bits);
    }

    @Override
    public void containerReached(int siteId, Object owner, Object container) {
        objects.containerReached(sites.get(siteId), owner, container);
    }

    @Override
    public void instanceRead(int siteId, Object owner, Object value, long bits) {
        objects.read(sites.get(siteId), owner, value, bits);
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
        attributes.set(sites.get(siteId), name, value);
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
        return findings.asFields();
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
