package dev.crosstalk.testapps.mutation;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shape 4: an LRU cache (a {@code LinkedHashMap} in access order with {@code removeEldestEntry}) in
 * a singleton, read with plain {@code get}: in access order {@code get} moves the entry, a
 * structural change, so a request listing the cache dies with {@code ConcurrentModificationException}
 * when another request reads an entry. The fixed twin ({@code safe}) takes the cache's monitor
 * for every use and lists a copy.
 */
final class LruCache {
    private static final int CAPACITY = 100;

    private final boolean safe;
    private final Map<String, String> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    LruCache(boolean safe) {
        this.safe = safe;
        entries.put("a", "alpha");
        entries.put("b", "beta");
        entries.put("c", "gamma");
    }

    String list(String pair) {
        Iterable<String> keys;
        if (safe) {
            synchronized (this) {
                keys = new ArrayList<>(entries.keySet());
            }
        } else {
            keys = entries.keySet();
        }
        StringBuilder out = new StringBuilder();
        try {
            for (String key : keys) {
                out.append(key);
                if (out.length() == 1) {
                    Interleave.pauseIteration(pair);
                }
            }
        } catch (ConcurrentModificationException e) {
            return "ConcurrentModificationException";
        }
        return out.toString();
    }

    String get(String key, String pair) {
        List<String> found = new ArrayList<>();
        Interleave.duringIteration(pair, () -> found.add(safe ? getLocked(key) : entries.get(key)));
        return String.valueOf(found.get(0));
    }

    private synchronized String getLocked(String key) {
        return entries.get(key);
    }
}
