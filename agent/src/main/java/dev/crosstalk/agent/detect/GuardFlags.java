package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.Reachability;
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
    private final Reachability reach;

    /**
     * Guard flags opening windows in {@code publications}; {@code fields} shows keys as findings name
     * them; {@code reach} tells a start-up object only its maker has reached.
     */
    public GuardFlags(Publications publications, FieldTable fields, Reachability reach) {
        this.publications = publications;
        this.fields = fields;
        this.reach = reach;
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
     *
     * @param published whether {@code value} is a container or struct that is itself published
     * @param owner the object whose field was written, or null for a static field
     */
    public void written(StaticField field, Site site, ThreadState ts, RequestContext request, boolean published,
            Object value, long bits, Object owner) {
        boolean isStatic = owner == null;
        if (isStatic && publications.anyOpen()) {
            publications.write(Publications.GUARDED, field.stateName(), site);
        }
        if (isVersionBump(field, site)) {
            ts.incremented(site, request);
            return;
        }
        if (!saysReady(field, bits, published, value, isStatic) || site.method() == 0) {
            return;
        }
        if (isStatic) {
            publications.openGuard(field.stateName(), site, request);
        } else if (site.readModifyWrite() && (request != null || !reach.onlyMadeHere(owner))
                && site.setsFlagOnce(owner)) {
            publications.openInstanceGuard(owner, field.stateName(), site, request);
        }
    }

    /** {@code version.incrementAndGet()} on an atomic held in an application field: remembered as {@code version++} is. */
    public void atomicIncrement(Site site, ThreadState ts) {
        if (site != null && site.field() != null && ts.classInitDepth == 0) {
            ts.incremented(site, ts.activeRequest());
        }
    }

    /** A whole number incremented in place ({@code version++}): a version, if state is emptied next. */
    static boolean isVersionBump(StaticField field, Site site) {
        String type = field.descriptor();
        return field.primitive() && site.readModifyWrite() && ("I".equals(type) || "J".equals(type));
    }

    /** A boolean set true, or a sentinel that is not itself published state (an enum constant only in a static). */
    static boolean saysReady(StaticField field, long bits, boolean published, Object value, boolean isStatic) {
        return field.primitive() ? bits != 0 && "Z".equals(field.descriptor()) : !published && isSentinel(value, isStatic);
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
    public void emptied(ThreadState ts, Site site, RequestContext request) {
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

    static boolean isSentinel(Object value, boolean isStatic) {
        return Boolean.TRUE.equals(value) || isStatic && value instanceof Enum
                || value != null && value.getClass() == Object.class;
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
