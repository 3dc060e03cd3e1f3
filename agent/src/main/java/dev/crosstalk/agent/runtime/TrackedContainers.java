package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.detect.GuardFlags;
import dev.crosstalk.agent.detect.Resets;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.Values;
import dev.crosstalk.agent.state.WeakIdentityMap;
import dev.crosstalk.bootstrap.Gates;
import java.lang.ref.WeakReference;

/**
 * Which container belongs to which field: a container stored into shared state is tracked under
 * that field (weakly, capped at {@code max-containers}) and admitted through the hooks' identity
 * filter, so its operations reach the recorder.
 */
final class TrackedContainers {
    private final WeakIdentityMap<StaticField> byContainer;
    private final GuardFlags guards;
    private final Resets resets;

    TrackedContainers(int max, GuardFlags guards, Resets resets) {
        this.byContainer = new WeakIdentityMap<>(max);
        this.guards = guards;
        this.resets = resets;
    }

    /** The field {@code container} is tracked under, or null. */
    StaticField fieldOf(Object container) {
        return byContainer.get(container);
    }

    /**
     * {@code container} was stored into {@code field} and is tracked under it from now on; an empty one
     * may reset what readers in flight use, and may be the emptying a version number announced.
     */
    void stored(StaticField field, Site site, ThreadState ts, RequestContext request, Object container) {
        if (Values.isEmptyContainer(container)) {
            guards.emptied(ts, site, request);
            resets.emptyStored(field, site, request, field.container.get(), container);
        }
        track(field, container);
    }

    /** Tracks {@code container} under {@code field}, the container the field holds now. */
    void track(StaticField field, Object container) {
        if (field.container.get() == container) {
            return;
        }
        if (byContainer.put(container, field)) {
            Gates.admit(container);
            field.container = new WeakReference<>(container);
        }
    }

    /** Tracks {@code container} under an attribute, which holds no reference of its own to it. */
    void trackAttribute(StaticField attribute, Object container) {
        byContainer.put(container, attribute);
        Gates.admit(container);
    }

    /** Containers currently tracked. */
    long size() {
        return byContainer.size();
    }

    /** Containers not tracked because the cap was reached. */
    long dropped() {
        return byContainer.dropped();
    }
}
