package dev.crosstalk.testapps.settings;

/** The registry, looked up on first use: most requests never need it, so startup should not pay for it. */
final class LazyRegistry {

    static Registry registry;

    private LazyRegistry() {
    }

    static Registry get() {
        if (registry == null) {
            registry = new Registry();
            registry.load();
        }
        return registry;
    }
}
