package dev.crosstalk.testapps.settings;

/** The registry, looked up on first use, without taking a lock once it is there. */
final class DclRegistry {

    private static volatile Registry instance;

    private DclRegistry() {
    }

    static Registry get() {
        Registry r = instance;
        if (r == null) {
            synchronized (DclRegistry.class) {
                r = instance;
                if (r == null) {
                    // Loaded before it is published: the lock-free path must never see an empty registry.
                    r = new Registry();
                    r.load();
                    instance = r;
                }
            }
        }
        return r;
    }
}
