package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.PerRequest;

/**
 * The resets detector's data on one request: which reset epoch of each state it saw, for states that
 * can be reset. At most {@value #CAP} states; past that, a state is not remembered and reads of it
 * are never judged cut off.
 */
final class EpochsSeen {
    /** The kind {@link Resets} keeps on every request that reads a resettable state. */
    static final PerRequest<EpochsSeen> ON_REQUEST = new PerRequest<>(EpochsSeen::new);
    static final int CAP = 16;

    private final Object[] states = new Object[CAP];
    private final int[] epochs = new int[CAP];
    private int count;

    /**
     * The epoch of {@code state} this request last saw, remembering {@code current} when it has not
     * seen the state yet (or cannot remember more states); then records {@code current} as seen.
     */
    synchronized int seen(Object state, int current) {
        for (int i = 0; i < count; i++) {
            if (states[i] == state) {
                int seen = epochs[i];
                epochs[i] = current;
                return seen;
            }
        }
        if (count < CAP) {
            states[count] = state;
            epochs[count++] = current;
        }
        return current;
    }
}
