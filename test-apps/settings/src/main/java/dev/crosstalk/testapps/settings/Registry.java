package dev.crosstalk.testapps.settings;

import java.util.HashMap;
import java.util.Map;

/** Where the back-end services live, looked up from the config service the first time someone needs them. */
class Registry {

    // A different, faster endpoint of the config service than the settings use.
    private static final ConfigSource source = new ConfigSource(5);

    private final Map<String, String> entries = new HashMap<>();

    void load() {
        entries.put("billing", (String) source.read("registry.billing"));
        entries.put("search", (String) source.read("registry.search"));
    }

    String describe() {
        return "billing=" + entries.get("billing") + " search=" + entries.get("search");
    }
}
