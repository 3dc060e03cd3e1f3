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
        last = w;
        if (w.mark != null && !userDerived) {
            userDerived = true;
            dev.crosstalk.bootstrap.Gates.staticsChanged(); // a settled read of the container must now be judged
        }
        if (accumulation) {
            accumulated = true;
            return;
        }
        synchronized (this) {
            if (firstPlainWriter == null) {
                firstPlainWriter = w.request;
                firstPlainDigest = w.digest;
            } else if (divergingWriter == null && firstPlainWriter.id() != w.request.id()
                    && firstPlainDigest != w.digest) {
                divergingWriter = w.request;
            }
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

    /** Some request wrote here after reading it (a counter, an aggregate). */
    public boolean accumulated() {
        return accumulated;
    }
}
