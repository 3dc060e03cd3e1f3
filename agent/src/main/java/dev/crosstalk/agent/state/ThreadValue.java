package dev.crosstalk.agent.state;

import java.lang.ref.WeakReference;

/** One value a request set on a thread (a {@code ThreadLocal} or an MDC key) and has not removed yet. */
public final class ThreadValue {
    /** A weak reference to the {@code ThreadLocal}, or the {@link MdcKey}. */
    private final Object key;
    /** The state name findings show for it. */
    public final String state;
    /** The request that set the value last, the site where, and the value's identity hash. */
    public RequestInfo setter;
    /** Where it was set last. */
    public Site site;
    /** The identity hash of the value set last. */
    public int valueIdentity;

    /** A value under {@code key} (a weak reference to the thread-local, or an {@link MdcKey}), shown as {@code state}. */
    public ThreadValue(Object key, String state) {
        this.key = key;
        this.state = state;
    }

    /** A value put into the MDC, rather than a {@code ThreadLocal}'s. */
    public boolean isMdc() {
        return !(key instanceof WeakReference);
    }

    /** The MDC entry this value is, or null for a {@code ThreadLocal}'s. */
    public MdcKey mdcKey() {
        return key instanceof MdcKey ? (MdcKey) key : null;
    }

    /** Whether this is the value of {@code tlOrMdcKey}. */
    public boolean is(Object tlOrMdcKey) {
        return key instanceof WeakReference ? ((WeakReference<?>) key).get() == tlOrMdcKey : key.equals(tlOrMdcKey);
    }
}
