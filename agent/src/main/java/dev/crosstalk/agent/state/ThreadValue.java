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
    /** Where it was set last. */
    public Site site;
    /**
     * The value set last, while the request that set it runs: the thread-local holds it then anyway.
     * At that request's end ({@link #settle}) only its identity hash is kept, so nothing of an ended
     * request is held, and a value set and removed within its request is never hashed (its first
     * identity hash costs a call into the VM).
     */
    private Object value;
    private int valueIdentity;

    /** Records {@code v} as the value set last. */
    public void value(Object v) {
        value = v;
        valueIdentity = 0;
    }

    /** Whether {@code v} is the very value set last. */
    public boolean holds(Object v) {
        Object mine = value;
        return mine != null ? mine == v : v != null && System.identityHashCode(v) == valueIdentity;
    }

    /** The request (or the handed-on task) that set the value ended: keep its identity, not the value. */
    public void settle() {
        if (value != null) {
            valueIdentity = System.identityHashCode(value);
            value = null;
        }
    }

    /** A value under {@code key} (a weak reference to the thread-local, or an {@link MdcKey}), named by {@code namer}. */
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
