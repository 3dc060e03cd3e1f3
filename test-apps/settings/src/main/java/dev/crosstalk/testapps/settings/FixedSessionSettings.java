package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;

/** Per-user settings, kept in the session; the user's other tabs keep working while they are reloaded. */
final class FixedSessionSettings {

    private static final ConfigSource config = new ConfigSource();

    private FixedSessionSettings() {
    }

    static void load(HttpSession session) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("title", config.read("title"));
        settings.put("foo", config.read("foo"));
        settings.put("bar", config.read("bar"));
        settings.put("baz", config.read("baz"));

        // One assignment: the other requests of this session see the old map or the complete new one.
        session.setAttribute("settings", settings);
    }
}
