package dev.crosstalk.testapps.settings;

/** The registry, looked up on first use; the JVM's class initialisation does the locking. */
final class HolderRegistry {

    private HolderRegistry() {
    }

    private static class Holder {
        static final Registry INSTANCE = loaded();
    }

    private static Registry loaded() {
        Registry r = new Registry();
        r.load();
        return r;
    }

    static Registry get() {
        return Holder.INSTANCE;
    }
}
