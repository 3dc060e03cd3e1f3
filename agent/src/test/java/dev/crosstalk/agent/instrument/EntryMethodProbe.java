package dev.crosstalk.agent.instrument;

/** Test access, from other packages, to what an {@link Boundaries.EntryMethod} keeps package-private. */
public final class EntryMethodProbe {
    private EntryMethodProbe() {
    }

    /** {@code com.acme.Worker#handle}. */
    public static String describe(Boundaries.EntryMethod e) {
        return e.type + "#" + e.method;
    }
}
