package dev.crosstalk.agent;

import java.util.HashMap;
import java.util.Map;

/**
 * The self-test's subject: a copy of this class is instrumented and loaded in a throwaway class
 * loader at install time, and must produce a cross-request flow. Per-request data in a static field
 * and an incompletely keyed static cache, in miniature.
 */
final class Canary {
    static String current;
    static final Map<String, String> CACHE = new HashMap<>();

    private Canary() {
    }

    static void write(String value) {
        current = value;
        CACHE.put("key", value);
    }

    static String read() {
        return current + CACHE.get("key");
    }
}
