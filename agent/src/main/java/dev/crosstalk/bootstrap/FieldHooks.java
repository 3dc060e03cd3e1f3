package dev.crosstalk.bootstrap;

/**
 * Hooks on fields of application classes: static reads and writes, instance reads and writes (of
 * objects that may be shared, or while a publication window is open), constructors and class
 * initialisers returning, and the returns of methods that can publish shared state.
 */
public final class FieldHooks {
    private FieldHooks() {
    }

    /** The constructor of an application object returns. */
    public static void constructed(Object self) {
        try {
            Hooks.sink.constructed(self);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    private static void field(Object owner, int site, boolean write, Object value, long bits) {
        if (Gates.windowsOpen()) {
            try {
                Hooks.sink.fieldAccess(site, owner, write);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
        // A read only matters once some request wrote a field of a shared object: until then (in a
        // well-behaved application, for good) reads skip even the identity hash.
        if ((write || Gates.sharedFieldsWritten()) && Gates.maybeShared(owner)) {
            try {
                if (write) {
                    Hooks.sink.instanceWrite(site, owner, value, bits);
                } else {
                    Hooks.sink.instanceRead(site, owner, value, bits);
                }
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** A reference field was read; {@code value} is what was read. */
    public static void getFieldRef(Object owner, Object value, int site) {
        field(owner, site, false, value, 0L);
    }

    /**
     * A field that can hold a map or collection was read: as {@link #getFieldRef}, and a container held
     * by a shared object is reported as reached (it is shared from now on) until the runtime settles this
     * site on it. The container filter's bit would not do here: it may be set by another object whose
     * identity hash shares its bits, and then this container would never be tracked at all.
     */
    public static void getContainerField(Object owner, Object value, int site) {
        field(owner, site, false, value, 0L);
        if (value != null && Gates.maybeShared(owner) && !Gates.settled(site, value)) {
            try {
                Hooks.sink.containerReached(site, owner, value);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }

    /** An int-sized field (int, short, byte, char, boolean, float bits) was read. */
    public static void getFieldI(Object owner, int value, int site) {
        field(owner, site, false, null, value);
    }

    /** A long or double (raw bits) field was read. */
    public static void getFieldJ(Object owner, long value, int site) {
        field(owner, site, false, null, value);
    }

    /** A reference field is about to be written with {@code value}. */
    public static void putFieldRef(Object owner, Object value, int site) {
        field(owner, site, true, value, 0L);
    }

    /** An int-sized field is about to be written. */
    public static void putFieldI(Object owner, int value, int site) {
        field(owner, site, true, null, value);
    }

    /** A long or double field is about to be written; its value is not passed (a digest of 0). */
    public static void putField(Object owner, int site) {
        field(owner, site, true, null, 0L);
    }

    /**
     * An {@code AtomicInteger} or {@code AtomicLong} loaded from a field is about to be incremented
     * ({@code version.incrementAndGet()}): like {@code version++} on a number field, a version if the
     * method then empties the state it versions.
     */
    public static void atomicIncrement(int site) {
        try {
            Hooks.sink.atomicIncrement(site);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A primitive static field was read. */
    public static void getStatic(int site) {
        if (Gates.settled(site, null)) {
            return;
        }
        try {
            Hooks.sink.staticRead(site, null);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A reference static field was read; {@code value} is what was read. */
    public static void getStaticRef(Object value, int site) {
        if (Gates.settled(site, value)) {
            return;
        }
        try {
            Hooks.sink.staticRead(site, value);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A primitive static field is about to be written with these raw bits. */
    public static void putStatic(long bits, int site) {
        try {
            Hooks.sink.staticWrite(site, null, bits);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A reference static field is about to be written with {@code value}. */
    public static void putStaticRef(Object value, int site) {
        try {
            Hooks.sink.staticWrite(site, value, 0L);
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A class initialiser of an instrumented class begins. */
    public static void classInitEnter() {
        try {
            Hooks.sink.classInitEnter();
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A class initialiser of an instrumented class ends, normally or not. */
    public static void classInitExit() {
        try {
            Hooks.sink.classInitExit();
        } catch (Throwable t) {
            Hooks.error(t);
        }
    }

    /** A method that can publish shared state returns. */
    public static void methodExit(int method) {
        if (Gates.windowsOpen()) {
            try {
                Hooks.sink.methodExit(method);
            } catch (Throwable t) {
                Hooks.error(t);
            }
        }
    }
}
