package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;

/** Per-user settings, kept in the session so each user can have their own. */
final class SessionSettings {

    private static final ConfigSource config = new ConfigSource();

    private SessionSettings() {
    }

    @SuppressWarnings("unchecked")
    static void load(HttpSession session) {
        session.setAttribute("settings", new HashMap<String, Object>());
        Map<String, Object> settings = (Map<String, Object>) session.getAttribute("settings");
        settings.put("title", config.read("title"));
        settings.put("foo", config.read("foo"));
        settings.put("bar", config.read("bar"));
        settings.put("baz", config.read("baz"));
    }
}
