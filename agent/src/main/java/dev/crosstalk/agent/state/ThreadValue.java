package dev.crosstalk.agent.state;

import java.lang.ref.WeakReference;

/** One value a request set on a thread (a {@code ThreadLocal} or an MDC key) and has not removed yet. */
public final class ThreadValue {
    /** A weak reference to the {@code ThreadLocal}, or the {@link MdcKey}. */
    private final Object key;
    /** Names the state for findings, on first need: most values are removed before anyone asks. */
    private java.util.function.Supplier<String> namer;
    private String state;
    /** The request that set the value last, the site where, and the value's identity hash. */
    public RequestInfo setter;
    public Site site;
    public int valueIdentity;

    public ThreadValue(Object key, java.util.function.Supplier<String> namer) {
        this.key = key;
        this.namer = namer;
    }

    /** The state name findings show for it. */
    public String state() {
        if (state == null) {
            state = namer.get();
            namer = null;
        }
        return state;
    }

    /** A value put into the MDC, rather than a {@code ThreadLocal}'s. */
    public boolean isMdc() {
        return !(key instanceof WeakReference);
    }

    /** The MDC entry this value is, or null for a {@code ThreadLocal}'s. */
    public MdcKey mdcKey() {
        return key instanceof MdcKey ? (MdcKey) key : null;
    }

    /** Whether this is the MDC entry {@code key} of {@code api}; allocates nothing, unlike building an {@link MdcKey}. */
    public boolean isMdc(String api, Object key) {
        return this.key instanceof MdcKey && ((MdcKey) this.key).is(api, key);
    }

    /** Whether this is the value of {@code tlOrMdcKey}. */
    public boolean is(Object tlOrMdcKey) {
        return key instanceof WeakReference ? ((WeakReference<?>) key).get() == tlOrMdcKey : key.equals(tlOrMdcKey);
    }
}
