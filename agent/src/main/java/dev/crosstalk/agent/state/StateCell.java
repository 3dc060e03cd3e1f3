package dev.crosstalk.agent.state;

/**
 * One unit of shared state: a static field's value, one key of a shared map, or the contents of a
 * shared collection. It remembers the last write and just enough history to judge a flow: whether
 * two different requests have put different values here without reading it first.
 */
public final class StateCell {
    private final String name;
    private final StaticField root;
    private final boolean keyed;
    /** The last write seen here, by a request or not; null before any. */
    public volatile WriteRecord last;

    // Plain (non-accumulating) request writes; guarded by this.
    private RequestInfo firstPlainWriter;
    private long firstPlainDigest;
    private volatile RequestInfo divergingWriter;
    private volatile boolean accumulated;
    /** Some request wrote here a value derived from its user's inputs. */
    private volatile boolean userDerived;
    /** The field beside this one that request writes here were refills after checking; null until one was. */
    private volatile String refilledAfter;
    /** A write made after checking {@link #pendingKey}, until its request writes that key too; guarded by this. */
    private RequestInfo pendingWriter;
    private long pendingDigest;
    private StaticField pendingKey;

    /** A cell named {@code name} of the field {@code root}; {@code keyed} for one key of its container. */
    public StateCell(String name, StaticField root, boolean keyed) {
        this.name = name;
        this.root = root;
        this.keyed = keyed;
    }

    /** One key of a shared container, rather than a field's value or a collection's contents. */
    public boolean keyed() {
        return keyed;
    }

    /** The state name findings show: {@code com.acme.Settings.current} or {@code ...cache[key#3f2a]}. */
    public String name() {
        return name;
    }

    /** The field this cell belongs to. */
    public StaticField root() {
        return root;
    }

    /** Records a write by a request and updates the history the judgement uses. */
    public void requestWrite(WriteRecord w, boolean accumulation) {
        requestWrite(w, accumulation, null, false);
    }

    /**
     * Records a write by a request that, holding a lock, checked {@code checked}, the field beside this
     * one (null when it checked none). A refill ({@code keyWritten}: the request writes that field as
     * well, the key the value is kept for) never makes the cell diverge, like an accumulation. Until
     * the request writes the key, the write is pending: {@link #confirmRefill} or {@link #settlePending}.
     */
    public void requestWrite(WriteRecord w, boolean accumulation, StaticField checked, boolean keyWritten) {
        last = w;
        if (w.mark != null && !userDerived) {
            userDerived = true;
            dev.crosstalk.bootstrap.Gates.staticsChanged(); // a settled read of the container must now be judged
        }
        if (accumulation) {
            accumulated = true;
            return;
        }
        if (checked != null && keyWritten) {
            refilled(checked);
            return;
        }
        synchronized (this) {
            settlePendingLocked(); // not confirmed before the next write: a plain write
            if (checked != null) {
                pendingWriter = w.request;
                pendingDigest = w.digest;
                pendingKey = checked;
                return;
            }
            plainWrite(w.request, w.digest);
        }
    }

    /** {@code request} wrote {@code key}: its pending write here, made after checking that key, was a refill. */
    public synchronized void confirmRefill(RequestInfo request, StaticField key) {
        if (pendingWriter == request && pendingKey == key) {
            refilled(key);
            pendingWriter = null;
            pendingKey = null;
        }
    }

    /** {@code request} ended without writing the key it checked: its pending write here was a plain one. */
    public synchronized void settlePending(RequestInfo request) {
        if (pendingWriter == request) {
            settlePendingLocked();
        }
    }

    private void settlePendingLocked() {
        if (pendingWriter != null) {
            plainWrite(pendingWriter, pendingDigest);
            pendingWriter = null;
            pendingKey = null;
        }
    }

    private void refilled(StaticField key) {
        if (refilledAfter == null) {
            refilledAfter = key.stateName();
        }
    }

    /** Guarded by this. */
    private void plainWrite(RequestInfo request, long digest) {
        if (firstPlainWriter == null) {
            firstPlainWriter = request;
            firstPlainDigest = digest;
        } else if (divergingWriter == null && firstPlainWriter.id() != request.id() && firstPlainDigest != digest) {
            divergingWriter = request;
        }
    }

    /** Records a write outside requests, or one that starts the state afresh (a new container, a removal). */
    public void initWrite(WriteRecord w) {
        last = w;
    }

    /** Two different requests wrote different values here, neither as an accumulation. */
    public boolean diverged() {
        return divergingWriter != null;
    }

    /** The first request that wrote a plain value here; with {@link #divergingWriter()} the pair that diverged. */
    public synchronized RequestInfo firstPlainWriter() {
        return firstPlainWriter;
    }

    /** The second request that wrote a different plain value here; null until one did. */
    public RequestInfo divergingWriter() {
        return divergingWriter;
    }

    /** Some request wrote here a value derived from its user's inputs. */
    public boolean userDerived() {
        return userDerived;
    }

    /** The field beside this one that request writes here were refills after checking, or null. */
    public String refilledAfter() {
        return refilledAfter;
    }

    /** Some request wrote here after reading it (a counter, an aggregate). */
    public boolean accumulated() {
        return accumulated;
    }
}
