package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.ContainerOp;

/**
 * What counts as a guard flag (SPEC: partial-init-read): a write that says "ready" opens a guard
 * window in {@link Publications}, and the writes and reads of tracked state that follow are that
 * window's fills and reads ({@link Publications#GUARDED}). Which writes say "ready" is decided here;
 * what a reader that misses a fill means is {@link Publications}'.
 */
public final class GuardFlags {
    private final Publications publications;
    private final FieldTable fields;

    /** Guard flags opening windows in {@code publications}; {@code fields} shows keys as findings name them. */
    public GuardFlags(Publications publications, FieldTable fields) {
        this.publications = publications;
        this.fields = fields;
    }

    /**
     * A static write under someone's guard flag is a fill of guarded state; a static write that says
     * "ready" opens a guard window: a boolean set true, or a sentinel ({@code Boolean.TRUE}, an enum
     * constant, a bare {@code new Object()}). A number incremented ({@code version++}), static or in a
     * shared object, is remembered: it is a version if the same method then empties shared state
     * ({@link #emptied}). Numbers stored whole and strings are left out: a field holding one request's
     * id or name followed by more writes is per-request data, judged as flows, not a flag. Objects' own
     * booleans are left out too: every object made outside requests counts as shared, and servers'
     * per-request objects (Tomcat's {@code Parameters.didQueryParameters}, checked and set before its
     * map is filled) cannot yet be told from a singleton's {@code loaded}.
     *
     * @param published whether {@code value} is a container or struct that is itself published
     */
    public void written(StaticField field, Site site, ThreadState ts, RequestContext request, boolean published,
            Object value, long bits, boolean isStatic) {
        if (isStatic && publications.anyOpen()) {
            publications.write(Publications.GUARDED, field.stateName(), site);
        }
        if (isVersionBump(field, site)) {
            ts.incremented = site;
            ts.incrementedIn = request;
            return;
        }
        if (saysReady(field, bits, published, value, isStatic) && site.method() != 0) {
            publications.openGuard(field.stateName(), site, request);
        }
    }

    /** A whole number incremented in place ({@code version++}): a version, if state is emptied next. */
    static boolean isVersionBump(StaticField field, Site site) {
        String type = field.descriptor();
        return field.primitive() && site.readModifyWrite() && ("I".equals(type) || "J".equals(type));
    }

    /** A static boolean set true, or a static sentinel that is not itself published state. */
    static boolean saysReady(StaticField field, long bits, boolean published, Object value, boolean isStatic) {
        return isStatic && (field.primitive() ? bits != 0 && "Z".equals(field.descriptor())
                : !published && isSentinel(value));
    }

    /**
     * Shared state was emptied at {@code site} (a clear, a fresh empty container). If the same method of
     * the same request incremented a number before ({@code version++; RATES.clear(); readRates()}), that
     * number said "new" before the state it versions was refilled: a guard window opens on it now, so
     * the refills are its fills and a reader that misses one is a partial-init read. A counter bumped
     * before writes that empty nothing opens nothing; nor does a version bumped last.
     */
    public void emptied(ThreadState ts, Site site, RequestContext request) {
        Site version = ts.incremented;
        if (version == null) {
            return;
        }
        ts.incremented = null;
        if (ts.incrementedIn == request && version.method() != 0 && version.sameMethod(site)) {
            publications.openGuard(version.field().stateName(), version, request);
        }
    }

    static boolean isSentinel(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof Enum || value != null && value.getClass() == Object.class;
    }

    /** Feeds an operation on a tracked container to the open guard windows, naming its state. */
    public void containerOp(ContainerOp op, StaticField field, Object key, Object value, Site site,
            RequestContext request) {
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
}
