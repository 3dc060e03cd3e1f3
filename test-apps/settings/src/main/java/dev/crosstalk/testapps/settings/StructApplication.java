package dev.crosstalk.testapps.settings;

/** Application-wide settings as a bean, as the struct pages read them. */
final class StructApplication {

    static Settings current;

    private static final ConfigSource config = new ConfigSource();

    private StructApplication() {
    }

    static void onApplicationStart() {
        current = new Settings();
        current.setTitle((String) config.read("title"));
        current.setFoo((Integer) config.read("foo"));
        current.setBar((Integer) config.read("bar"));
        current.setBaz((Boolean) config.read("baz"));
    }
}
