package dev.crosstalk.testapps.settings;

/** Application-wide settings as a bean, reloadable while pages are being served. */
final class FixedStructApplication {

    // Replaced whole, never changed in place, so a page sees either the old settings or the new ones.
    static volatile Settings current;

    private static final ConfigSource config = new ConfigSource();

    private FixedStructApplication() {
    }

    static void onApplicationStart() {
        Settings s = new Settings();
        s.setTitle((String) config.read("title"));
        s.setFoo((Integer) config.read("foo"));
        s.setBar((Integer) config.read("bar"));
        s.setBaz((Boolean) config.read("baz"));

        current = s;
    }
}
