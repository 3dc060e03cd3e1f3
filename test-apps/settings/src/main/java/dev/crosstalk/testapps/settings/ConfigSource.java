package dev.crosstalk.testapps.settings;

import java.util.Map;

/**
 * Where settings come from. In production this is the config service, and every key is a round trip to it;
 * the sleep stands in for that round trip.
 */
final class ConfigSource {

    /** What one round trip to the config service costs on a good day. */
    static final long SERVICE_LATENCY_MILLIS = 25;

    private static final Map<String, Object> VALUES = Map.of(
            "title", "My application",
            "foo", 42,
            "bar", 60,
            "baz", false,
            "registry.billing", "http://127.0.0.1:8081/billing",
            "registry.search", "http://127.0.0.1:8082/search");

    private final long latencyMillis;

    ConfigSource() {
        this(SERVICE_LATENCY_MILLIS);
    }

    ConfigSource(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    Object read(String key) {
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            // Still answer: the caller is in the middle of building its settings and has no way to give up.
            Thread.currentThread().interrupt();
        }
        return VALUES.get(key);
    }
}
