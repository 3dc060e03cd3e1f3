package dev.crosstalk.agent.state;

/**
 * A request in flight: its {@link RequestInfo} and what it has read so far, which tells a counter
 * ({@code n = n + 1}: read, then write) from an overwrite. Shared by the request's own thread and
 * the executor tasks it hands work to, hence the synchronisation.
 */
public final class RequestContext {
    /**
     * How many distinct states a request remembers reading; beyond that, reads are not remembered. A
     * request through framework code (with {@code include=}) reads hundreds; at 64, a counter read
     * after them was taken for a plain write, and Spring Boot's jar buffer for per-request data.
     */
    public static final int MAX_REMEMBERED = 4096;
    /** Remembered states searched one by one; past this many, through {@link #index}. */
    private static final int LINEAR = 16;

    private final RequestInfo info;
    // Allocated on first use: most requests never touch shared state that anyone writes.
    private Object[] remembered;
    private byte[] how;
    private int size;
    /** Null while few are remembered; then position + 1 of each remembered state, by identity hash (0: empty). */
    private int[] index;
    /** Some state was remembered {@link #PENDING}. */
    private volatile boolean pending;
    /** Values this request computed from its user's inputs; made on the first source, dropped at the end. */
    private volatile dev.crosstalk.agent.userdata.RequestMarks marks;

    /** What {@link #remember} notes: the request read the state and found a value there. */
    public static final byte READ_PRESENT = 1;
    /** What {@link #remember} notes: the request replaced or cleared the state. */
    public static final byte RESET = 2;
    /**
     * What {@link #remember} notes: the request read the state holding a lock and found a value it had
     * not written itself (another request's, or start-up's): a check, before it acts on what it found.
     */
    public static final byte CHECKED = 4;
    /** What {@link #remember} notes: the request wrote a field it had checked (see {@link #CHECKED}). */
    public static final byte WRITTEN = 8;
    /** What {@link #remember} notes: a write of this cell waits for the request to write the key it checked. */
    public static final byte PENDING = 16;

    /** The detectors' own data on this request, by {@link PerRequest#index}; made on first use. */
    private volatile Object[] data;

    private volatile boolean ended;

    /** The context of the request {@code info} names. */
    public RequestContext(RequestInfo info) {
        this.info = info;
    }

    /** False once the request's outermost boundary returned (until an error dispatch reopens it). */
    public boolean inFlight() {
        return !ended;
    }

    /** The request's outermost boundary returned: what it did is ordered before what comes next. */
    public void end() {
        ended = true;
    }

    /** The server dispatched an error page for this request after it had left the filter chain. */
    public void reopen() {
        ended = false;
    }

    /** Who the request is, as findings show it. */
    public RequestInfo info() {
        return info;
    }

    /** The marks of this request's request-derived values, or null when it has met no source yet. */
    public dev.crosstalk.agent.userdata.RequestMarks marks() {
        return marks;
    }

    /** The marks of this request's request-derived values, made on first use. */
    public dev.crosstalk.agent.userdata.RequestMarks marksToFill() {
        dev.crosstalk.agent.userdata.RequestMarks m = marks;
        return m != null ? m : firstMarks();
    }

    private synchronized dev.crosstalk.agent.userdata.RequestMarks firstMarks() {
        if (marks == null) {
            marks = new dev.crosstalk.agent.userdata.RequestMarks();
        }
        return marks;
    }

    /** The request ended: nothing of its values is kept beyond it. */
    public void dropMarks() {
        marks = null;
    }

    /** Remembers that this request did {@code what} ({@link #READ_PRESENT}, {@link #RESET}) to a state. */
    public synchronized void remember(Object state, byte what) {
        if ((what & PENDING) != 0) {
            pending = true;
        }
        if (remembered == null) {
            remembered = new Object[4];
            how = new byte[4];
        }
        int i = indexOf(state);
        if (i >= 0) {
            how[i] |= what;
            return;
        }
        if (size == remembered.length && size < MAX_REMEMBERED) {
            remembered = java.util.Arrays.copyOf(remembered, Math.min(MAX_REMEMBERED, size * 4));
            how = java.util.Arrays.copyOf(how, remembered.length);
        }
        if (size < remembered.length) {
            remembered[size] = state;
            how[size] = what;
            if (index != null) {
                indexed(size);
            }
            size++;
            if (index == null ? size > LINEAR : size * 2 > index.length) {
                reindex();
            }
        }
    }

    /** The position of {@code state} among the remembered, or -1. Guarded by this. */
    private int indexOf(Object state) {
        if (index == null) {
            for (int i = 0; i < size; i++) {
                if (remembered[i] == state) {
                    return i;
                }
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = mix(System.identityHashCode(state)) & mask; ; slot = (slot + 1) & mask) {
            int p = index[slot];
            if (p == 0) {
                return -1;
            }
            if (remembered[p - 1] == state) {
                return p - 1;
            }
        }
    }

    /** An index of twice the positions: probed by identity hash (a state's is computed once, then kept in its header). */
    private void reindex() {
        index = new int[Integer.highestOneBit(Math.max(size, LINEAR) * 2) * 2];
        for (int i = 0; i < size; i++) {
            indexed(i);
        }
    }

    private void indexed(int position) {
        int mask = index.length - 1;
        int slot = mix(System.identityHashCode(remembered[position])) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = position + 1;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    /** The data of {@code kind} a detector keeps on this request, made on first use. */
    @SuppressWarnings("unchecked")
    public <T> T data(PerRequest<T> kind) {
        Object[] d = data;
        Object v = d == null ? null : d[kind.index];
        if (v != null) {
            return (T) v;
        }
        synchronized (this) {
            if (data == null) {
                data = new Object[PerRequest.MAX_KINDS];
            }
            if (data[kind.index] == null) {
                data[kind.index] = kind.make();
            }
            return (T) data[kind.index];
        }
    }

    /**
     * The data of {@code kind} if a detector made it on this request, else null (nothing is made). Under
     * the lock {@link #data} makes it with, as it may have been made on another thread (a task's).
     */
    @SuppressWarnings("unchecked")
    public <T> T dataIfMade(PerRequest<T> kind) {
        if (data == null) {
            return null; // nothing made yet, the usual end of a request: no lock
        }
        synchronized (this) {
            return (T) data[kind.index];
        }
    }

    /** Whether some state was remembered {@link #PENDING}: the usual answer, no, costs no scan. */
    public boolean hasPending() {
        return pending;
    }

    /** The states this request did {@code what} to, in the order first remembered. */
    public synchronized java.util.List<Object> allDid(byte what) {
        java.util.List<Object> all = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            if ((how[i] & what) != 0) {
                all.add(remembered[i]);
            }
        }
        return all;
    }

    /** The first state this request did {@code what} to that {@code which} accepts, or null. */
    public synchronized Object firstDid(byte what, java.util.function.Predicate<Object> which) {
        for (int i = 0; i < size; i++) {
            if ((how[i] & what) != 0 && which.test(remembered[i])) {
                return remembered[i];
            }
        }
        return null;
    }

    /** Whether this request did {@code what} ({@link #READ_PRESENT}, {@link #RESET}) to {@code state}. */
    public synchronized boolean did(Object state, byte what) {
        int i = indexOf(state);
        return i >= 0 && (how[i] & what) != 0;
    }
}
