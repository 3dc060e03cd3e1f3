package dev.crosstalk.testapps.settings;

import java.util.HashMap;
import java.util.Map;

/** Application-wide settings, reloadable while pages are being served. */
final class GuruApplication {

    // Replaced whole, never changed in place, so a page sees either the old settings or the new ones.
    static volatile Map<String, Object> settings;

    private static final ConfigSource config = new ConfigSource();

    private GuruApplication() {
    }

    static void onApplicationStart() {
        Map<String, Object> s = new HashMap<>();
        s.put("title", config.read("title"));
        s.put("foo", config.read("foo"));
        s.put("bar", config.read("bar"));
        s.put("baz", config.read("baz"));

        settings = s;
    }
}
