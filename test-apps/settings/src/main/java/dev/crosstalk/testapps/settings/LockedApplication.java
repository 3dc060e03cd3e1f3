package dev.crosstalk.testapps.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Application-wide settings, reloadable while pages are being served: every access goes through the lock. */
final class LockedApplication {

    private static final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // Guarded by lock: a reload holds it exclusively, so pages wait rather than see a half-filled map.
    private static Map<String, Object> settings;

    private static final ConfigSource config = new ConfigSource();

    private LockedApplication() {
    }

    static void onApplicationStart() {
        lock.writeLock().lock();
        try {
            settings = new HashMap<>();
            settings.put("title", config.read("title"));
            settings.put("foo", config.read("foo"));
            settings.put("bar", config.read("bar"));
            settings.put("baz", config.read("baz"));
        } finally {
            lock.writeLock().unlock();
        }
    }

    static Object setting(String key) {
        lock.readLock().lock();
        try {
            return settings.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }
}
