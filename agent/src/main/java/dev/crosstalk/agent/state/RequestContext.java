package dev.crosstalk.agent.state;

/**
 * A request in flight: its {@link RequestInfo} and what it has read so far, which tells a counter
 * ({@code n = n + 1}: read, then write) from an overwrite. Shared by the request's own thread and
 * the executor tasks it hands work to, hence the synchronisation.
 */
public final class RequestContext {
    /** How many distinct states a request remembers reading; beyond that, reads are not remembered. */
    public static final int MAX_REMEMBERED = 64;

    private final RequestInfo info;
    // Allocated on first use: most requests never touch shared state that anyone writes.
    private Object[] remembered;
    private byte[] how;
    private int size;

    public static final byte READ_PRESENT = 1;
    public static final byte RESET = 2;

    /** Which reset epoch of a state this request first saw, for states that can be reset. */
    private Object[] epochStates;
    private int[] epochs;
    private int epochCount;

    public RequestContext(RequestInfo info) {
        this.info = info;
    }

    public RequestInfo info() {
        return info;
    }

    /** Remembers that this request did {@code what} ({@link #READ_PRESENT}, {@link #RESET}) to a state. */
    public synchronized void remember(Object state, byte what) {
        if (remembered == null) {
            remembered = new Object[4];
            how = new byte[4];
        }
        for (int i = 0; i < size; i++) {
            if (remembered[i] == state) {
                how[i] |= what;
                return;
            }
        }
        if (size == remembered.length && size < MAX_REMEMBERED) {
            remembered = java.util.Arrays.copyOf(remembered, Math.min(MAX_REMEMBERED, size * 4));
            how = java.util.Arrays.copyOf(how, remembered.length);
        }
        if (size < remembered.length) {
            remembered[size] = state;
            how[size++] = what;
        }
    }

    /**
     * The epoch of {@code state} this request last saw, remembering {@code current} when it has not
     * seen the state yet (or cannot remember more states); then records {@code current} as seen.
     */
    public synchronized int epochSeen(Object state, int current) {
        if (epochStates == null) {
            epochStates = new Object[16];
            epochs = new int[16];
        }
        for (int i = 0; i < epochCount; i++) {
            if (epochStates[i] == state) {
                int seen = epochs[i];
                epochs[i] = current;
                return seen;
            }
        }
        if (epochCount < epochStates.length) {
            epochStates[epochCount] = state;
            epochs[epochCount++] = current;
        }
        return current;
    }

    public synchronized boolean did(Object state, byte what) {
        for (int i = 0; i < size; i++) {
            if (remembered[i] == state) {
                return (how[i] & what) != 0;
            }
        }
        return false;
    }
}
