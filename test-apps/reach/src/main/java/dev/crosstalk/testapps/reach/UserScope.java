package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * The second seed's session sequel in its common Java form: the session's scope object, made at
 * login, re-initialises its map field and fills it while the user's other tabs read it.
 */
final class UserScope implements Scope {
    private Map<String, String> settings;

    @Override
    public void load(String gate) {
        settings = new HashMap<>();
        Gates.arrive(gate, "published");
        Gates.await(gate, "read");
        settings.put("title", "Welcome");
        settings.put("foo", "1");
        settings.put("bar", "2");
        settings.put("baz", "3");
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }
}
