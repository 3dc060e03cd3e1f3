package dev.crosstalk.testapps.remixer;

import java.util.HashMap;
import java.util.Map;
import javax.annotation.concurrent.GuardedBy;

/**
 * The sample cache behind a lock, twice: the team marked one copy {@code @GuardedBy("LOCK")}, as a
 * cache it shares on purpose, and left its twin unmarked. Both keep the seed's keying, so both serve
 * one song's renderings to another; only the mark tells them apart.
 */
class LockedRemixer implements Remixer {

    private static final Object LOCK = new Object();

    @GuardedBy("LOCK")
    private static Map<String, String> markedCache = new HashMap<>();

    private static Map<String, String> unmarkedCache = new HashMap<>();

    private final boolean marked;

    LockedRemixer(boolean marked) {
        this.marked = marked;
    }

    @Override
    public String remix(Song song) {
        synchronized (LOCK) {
            return SampleRendering.remix(marked ? markedCache : unmarkedCache, song);
        }
    }

    static void resetMarked() {
        synchronized (LOCK) {
            markedCache = new HashMap<>();
        }
    }

    static void resetUnmarked() {
        synchronized (LOCK) {
            unmarkedCache = new HashMap<>();
        }
    }
}
