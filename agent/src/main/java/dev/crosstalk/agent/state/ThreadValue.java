package dev.crosstalk.agent.state;

import java.lang.ref.WeakReference;

/** One value a request set on a thread (a {@code ThreadLocal} or an MDC key) and has not removed yet. */
public final class ThreadValue {
    /** A weak reference to the {@code ThreadLocal}, or the MDC key string. */
    private final Object key;
    /** The state name findings show for it. */
    public final String state;
    /** The request that set the value last, the site where, and the value's identity hash. */
    public RequestInfo setter;
    public Site site;
    public int valueIdentity;

    public ThreadValue(Object key, String state) {
        this.key = key;
        this.state = state;
    }

    /** A value put into the MDC, rather than a {@code ThreadLocal}'s. */
    public boolean isMdc() {
        return !(key instanceof WeakReference);
    }

    /** Whether this is the value of {@code tlOrMdcKey}. */
    public boolean is(Object tlOrMdcKey) {
        return key instanceof WeakReference ? ((WeakReference<?>) key).get() == tlOrMdcKey : key.equals(tlOrMdcKey);
    }
}
