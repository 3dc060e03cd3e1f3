package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.detect.Accumulations;
import dev.crosstalk.agent.detect.Flows;
import dev.crosstalk.agent.detect.GuardFlags;
import dev.crosstalk.agent.detect.Publications;
import dev.crosstalk.agent.state.Reachability;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StateCell;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.Values;
import dev.crosstalk.agent.userdata.UserMarks;
import dev.crosstalk.bootstrap.Gates;

/**
 * The fields of application objects other requests can reach (singletons, objects stored into shared
 * state): their writes and reads go to the same cells, flows and guard flags as a static field's,
 * once {@link Reachability} says who can reach the owner.
 */
final class SharedObjects {
    /** Application objects another request can reach: their fields are shared state. */
    private final Reachability reach;
    private final ValueKinds kinds;
    private final TrackedContainers containers;
    private final CellUpdates cells;
    private final GuardFlags guards;
    private final Publications publications;
    private final Flows flows;

    SharedObjects(Reachability reach, ValueKinds kinds, TrackedContainers containers, CellUpdates cells,
            GuardFlags guards, Publications publications, Flows flows) {
        this.reach = reach;
        this.kinds = kinds;
        this.containers = containers;
        this.cells = cells;
        this.guards = guards;
        this.publications = publications;
        this.flows = flows;
    }

    /** {@code self}, an application object, was constructed: outside requests, it may be shared. */
    void constructed(Object self) {
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

    /** {@code value} (or the primitive {@code bits}) was written into a field of {@code owner} at {@code site}. */
    void written(Site site, Object owner, Object value, long bits) {
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
        boolean container = kinds.isContainer(value);
        boolean struct = !container && kinds.isStruct(value);
        if (container || struct) {
            stored(field, site, ts, request, value, container, scope == Reachability.ONE_SESSION);
        }
        if (ts.classInitDepth == 0) {
            guards.written(field, site, ts, request, container || struct, value, bits, owner);
        }
        cells.valueWritten(field, site, request, value != null ? Values.digest(value) : bits,
                UserMarks.markOf(request, value), container, true);
    }

    /**
     * {@code value}, a container or a struct, was stored into a field of a reachable object, and is
     * reachable now as well: a container is tracked under the field (an empty one replacing another is
     * a reset), an application object's own fields become shared. Inside a request, this is a
     * publication; at start-up the owner is usually still being wired, before any request can reach it.
     */
    private void stored(StaticField field, Site site, ThreadState ts, RequestContext request, Object value,
            boolean container, boolean session) {
        if (container) {
            field.resettable();
            containers.stored(field, site, ts, request, value);
        } else {
            reach.published(value, session);
        }
        if (request != null && ts.classInitDepth == 0) {
            publications.open(value, container, field.stateName(), site, request);
        }
    }

    /**
     * A field of {@code owner} read at {@code site} held {@code container}. Once it is tracked under that
     * field, the site is settled on it: reading it there again costs the hook one compare.
     */
    void containerReached(Site site, Object owner, Object container) {
        if (site == null || site.field() == null || !kinds.isContainer(container)) {
            return;
        }
        StaticField field = site.field();
        if (field.container.get() != container && containers.fieldOf(container) != null) {
            // tracked already, under the field (or attribute) that reached it first: it keeps that name
            Gates.settle(site.id(), container, Gates.staticsGeneration());
            return;
        }
        Boolean scope = scopeOf(site, owner);
        if (scope == null) {
            return;
        }
        if (scope == Reachability.ONE_SESSION) {
            sessionField(field);
        }
        // Whoever clears or replaces it later resets what readers in flight use: they note what they saw.
        field.resettable();
        containers.track(field, container);
        if (ThreadState.get().activeRequest() == null) {
            reach.reachedThrough(container, owner);
        }
        // Settled whatever the statics' standing (the generation is read after resettable() bumped it):
        // nothing but the container's identity decides this read. Not when the tracked table is full.
        if (field.container.get() == container) {
            Gates.settle(site.id(), container, Gates.staticsGeneration());
        }
    }

    /** {@code value} (or the primitive {@code bits}) was read from a field of {@code owner} at {@code site}. */
    void read(Site site, Object owner, Object value, long bits) {
        if (site == null || site.field() == null || !site.field().requestWritten) {
            return;
        }
        ThreadState ts = ThreadState.get();
        RequestContext request = ts.activeRequest();
        StateCell cell = site.field().valueCell();
        // a container's contents carry its flows, unless a request stored it already holding its user's data
        if (request == null || kinds.isContainer(value) && !cell.userDerived() || scopeOf(site, owner) == null) {
            return;
        }
        request.remember(cell, Accumulations.ofRead(cell, request, ts));
        flows.read(cell, site, request, value != null ? Values.digest(value) : bits, true);
    }
}
