package dev.crosstalk.testapps.remixer;

import static dev.crosstalk.testapps.remixer.AudioRenderer.renderAudio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Same cache as {@link PatternRemixer}, keyed by everything a rendering depends on, so one song's
 * renderings can never be served for another.
 */
public class FixedPatternRemixer implements Remixer {

    private static final Map<String, String> sampleCache = new ConcurrentHashMap<>();

    @Override
    public String remix(Song song) {
        StringBuilder out = new StringBuilder(song.title()).append(':');
        for (String sample : song.pattern()) {
            String rendered = sampleCache.computeIfAbsent(song.id() + "/" + sample,
                    k -> renderAudio(song, sample));
            out.append(' ').append(rendered);
        }
        return out.toString();
    }

    static void resetCache() {
        sampleCache.clear();
    }
}
