package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/** The fix: the settings are built in a local map and published with one assignment. */
final class FixedUserScope implements Scope {
    private volatile Map<String, String> settings;

    @Override
    public void load(String gate) {
        Map<String, String> built = new HashMap<>();
        built.put("title", "Welcome");
        built.put("foo", "1");
        built.put("bar", "2");
        built.put("baz", "3");
        settings = built;
        Gates.arrive(gate, "published");
        Gates.await(gate, "read");
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }
}
