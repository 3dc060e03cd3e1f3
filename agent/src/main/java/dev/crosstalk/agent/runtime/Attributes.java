package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.detect.Mutations;
import dev.crosstalk.agent.detect.Publications;
import dev.crosstalk.agent.detect.Resets;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.Reachability;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;

/**
 * Attributes of a session or of the servlet context: each name is a field of its scope's state, and a
 * container or object set there is shared with every request of that session (or of the webapp) from
 * then on, and tracked like a static field's.
 */
final class Attributes {
    private final FieldTable fields;
    private final ValueKinds kinds;
    private final TrackedContainers containers;
    private final Reachability reach;
    private final Mutations mutations;
    private final Resets resets;
    private final Publications publications;

    Attributes(FieldTable fields, ValueKinds kinds, TrackedContainers containers, Reachability reach,
            Mutations mutations, Resets resets, Publications publications) {
        this.fields = fields;
        this.kinds = kinds;
        this.containers = containers;
        this.reach = reach;
        this.mutations = mutations;
        this.resets = resets;
        this.publications = publications;
    }

    /** {@code setAttribute(name, value)} at {@code site}, whose member names the scope's interface. */
    void set(Site site, Object name, Object value) {
        boolean container = kinds.isContainer(value);
        if (site == null || name == null || !(container || kinds.isStruct(value))) {
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
        resets.attributeSet(field, site, request, value);
        if (container) {
            containers.trackAttribute(field, value);
        } else {
            reach.published(value, session);
        }
        if (ts.classInitDepth == 0) {
            publications.open(value, container, field.stateName(), site, request);
        }
    }
}
