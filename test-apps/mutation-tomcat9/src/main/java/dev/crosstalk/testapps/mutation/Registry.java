package dev.crosstalk.testapps.mutation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shape 2: a static {@code HashMap} used as a lazy registry, with check-then-act in its two usual
 * forms ({@code containsKey} then {@code put}; {@code get == null} then {@code put}). Two requests
 * that both find a name missing both load it: the symptom is a template loaded twice. The fixed
 * twin does the same check and store in one {@code synchronized} method.
 */
final class Registry {
    private static final Map<String, Template> BY_CONTAINS = new HashMap<>();
    private static final Map<String, Template> BY_GET = new HashMap<>();
    private static final Map<String, Template> LOCKED = new HashMap<>();
    /** How often each name was loaded: the symptom, on a thread-safe map. */
    private static final ConcurrentHashMap<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();

    /** A loaded template; which load made it is what the symptom shows. */
    static final class Template {
        final int load;

        Template(int load) {
            this.load = load;
        }
    }

    private Registry() {
    }

    static Template containsThenPut(String name, String pair) {
        if (!BY_CONTAINS.containsKey(name)) {
            Meet.at(pair, "1"); // both requests have found it missing
            Template t = load(name);
            BY_CONTAINS.put(name, t);
            // Answered from the local: had it read the map again, whether it got the other request's
            // load would depend on the order of the two puts, and that read is a cross-request flow of its own.
            return t;
        }
        return BY_CONTAINS.get(name);
    }

    static Template getThenPut(String name, String pair) {
        Template t = BY_GET.get(name);
        if (t == null) {
            Meet.at(pair, "1");
            t = load(name);
            BY_GET.put(name, t);
        }
        return t;
    }

    static Template fixed(String name, String pair) {
        Meet.at(pair, "1"); // both requests arrive together; the lock then lets one load
        return lookUpLocked(name);
    }

    private static synchronized Template lookUpLocked(String name) {
        if (!LOCKED.containsKey(name)) {
            LOCKED.put(name, load(name));
        }
        return LOCKED.get(name);
    }

    static int loads(String name) {
        AtomicInteger n = LOADS.get(name);
        return n == null ? 0 : n.get();
    }

    private static Template load(String name) {
        return new Template(LOADS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet());
    }
}
