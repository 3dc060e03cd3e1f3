package dev.crosstalk.bootstrap;

/**
 * What the agent runtime receives from instrumented code. Declared here, in the bootstrap class
 * loader, with JDK types only, so that classes of any class loader can reach it through
 * {@link Hooks}; implemented by the agent's runtime, which lives in the agent's own class loader.
 *
 * <p>Implementations must not throw: {@link Hooks} still guards every call, but a throwing sink
 * only shows up as a counted error.
 */
public interface Sink {
    /** A read of a static field; {@code value} is the value read (null for primitives). */
    void staticRead(int site, Object value);

    /** A write of a static field; {@code value} for references, {@code bits} for primitives. */
    void staticWrite(int site, Object value, long bits);

    /**
     * An operation on a container that {@link Gates#maybeTracked} admitted; what {@code key} and
     * {@code value} carry depends on {@code op}.
     */
    void containerOp(int site, ContainerOp op, Object container, Object key, Object value);

    /** Entry into a request boundary; the return value is handed back to {@link #requestExit}. */
    Object requestEnter(Object request, int kind, int entry);

    /** Exit from the boundary entered with {@code token}. */
    void requestExit(Object token);

    /** The request the current thread works for, to carry into a task; null when none. */
    Object captureContext();

    /** Makes {@code context} current on this thread; returns what was current before. */
    Object attachContext(Object context);

    /** Restores what {@link #attachContext} returned. */
    void detachContext(Object previous);

    /**
     * A read or write of an instance field of an application object; sent only while a publication
     * window is open somewhere (see {@link Gates#windows(int)}).
     */
    default void fieldAccess(int site, Object owner, boolean write) {
    }

    /** The constructor of an application object returns. */
    default void constructed(Object self) {
    }

    /** A read of an instance field of an object that may be shared; {@code bits} for primitives. */
    default void instanceRead(int site, Object owner, Object value, long bits) {
    }

    /** A write of an instance field of an object that may be shared; {@code bits} for primitives. */
    default void instanceWrite(int site, Object owner, Object value, long bits) {
    }

    /** An atomic number held in the field of {@code site} is about to be incremented. */
    default void atomicIncrement(int site) {
    }

    /** A container not tracked yet was read from a field of a possibly shared object. */
    default void containerReached(int site, Object owner, Object container) {
    }

    /** A log event is being made on this thread by {@code framework}'s classes, which read the MDC into it. */
    default void logEvent(Class<?> framework) {
    }

    /** {@code ThreadLocal.set(value)} ran; a null value for {@code remove()}. */
    default void threadLocalSet(int site, ThreadLocal<?> tl, Object value) {
    }

    /** {@code ThreadLocal.get()} returned the non-null {@code value}. */
    default void threadLocalGet(int site, ThreadLocal<?> tl, Object value) {
    }

    /** SLF4J {@code MDC.put(key, value)}; a null value for {@code remove(key)}; a null key for {@code clear()}. */
    default void mdcPut(int site, Object key, Object value) {
    }

    /** SLF4J {@code MDC.get(key)} returned the non-null {@code value}. */
    default void mdcGet(int site, Object key, Object value) {
    }

    /**
     * A call that mutates (or reads) an object that is not thread-safe begins; the token returned is
     * passed to {@link #mutationExit} when it ends. Null: nothing to do at exit.
     */
    default Object mutationEnter(int site, Object target) {
        return null;
    }

    /**
     * {@link #mutationEnter(int, Object)} knowing what the call does to the object
     * ({@code MutationHooks.READ} or {@code WRITE}).
     */
    default Object mutationEnter(int site, Object target, int kind) {
        return mutationEnter(site, target);
    }

    /** The call begun with {@link #mutationEnter} returned; {@code token} is what that returned. */
    default void mutationExit(Object token) {
    }

    /** A method that can publish shared state returns; sent only while a publication window is open. */
    default void methodExit(int method) {
    }

    /**
     * {@code HttpSession.setAttribute(name, value)} or {@code ServletContext.setAttribute(name, value)}
     * is about to run (the site's member names the interface).
     */
    default void sessionAttribute(int site, Object name, Object value) {
    }

    /** Every finding so far, as maps of JDK types (see {@link Hooks#findings()}). */
    default java.util.List<java.util.Map<String, Object>> findings() {
        return java.util.Collections.emptyList();
    }

    /** A call of {@code kind} ({@code MutationHooks.READ} …) on a builder the hooks' filter admitted. */
    default void mutationUse(int site, Object target, int kind) {
    }

    /** A container or builder was loaded from a field of an object that may be shared. */
    default void sharedFieldValue(int site, Object owner, Object value) {
    }

    /** A lock was taken or released ({@code MutationHooks.MONITOR_ENTER} …). */
    default void lockEvent(Object lock, int event) {
    }

    /** A {@code volatile} field of {@code owner} (null: a static) was read, or is about to be written. */
    default void volatileAccess(int site, Object owner, boolean write) {
    }

    /** {@code half} is the read ({@code read}) or write half of {@code readWriteLock}. */
    default void lockHalf(Object readWriteLock, Object half, boolean read) {
    }

    /** A {@code LinkedHashMap} in access order was constructed. */
    default void accessOrdered(Object map) {
    }

    /** Entry into and exit from a class initialiser of an instrumented class. */
    void classInitEnter();

    /** Exit from a class initialiser entered with {@link #classInitEnter}. */
    void classInitExit();
}
