package dev.crosstalk.testapps.settings;

import java.util.HashMap;
import java.util.Map;

/** Application-wide settings, as every page reads them. */
final class Application {

    static Map<String, Object> settings;

    private static final ConfigSource config = new ConfigSource();

    private Application() {
    }

    static void onApplicationStart() {
        settings = new HashMap<>();
        settings.put("title", config.read("title"));
        settings.put("foo", config.read("foo"));
        settings.put("bar", config.read("bar"));
        settings.put("baz", config.read("baz"));
    }
}
