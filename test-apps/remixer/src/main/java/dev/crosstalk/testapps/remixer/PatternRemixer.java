package dev.crosstalk.testapps.remixer;

import static dev.crosstalk.testapps.remixer.AudioRenderer.renderAudio;

import java.util.HashMap;
import java.util.Map;

/**
 * Remixes a song from its samples. Rendering is slow, so rendered samples are cached across remixes.
 */
public class PatternRemixer implements Remixer {

    private static Map<String, String> sampleCache = new HashMap<>();

    @Override
    public String remix(Song song) {
        StringBuilder out = new StringBuilder(song.title()).append(':');
        for (String sample : song.pattern()) {
            if (!sampleCache.containsKey(sample)) {
                sampleCache.put(sample, renderAudio(song, sample));
            }
            out.append(' ').append(sampleCache.get(sample));
        }
        return out.toString();
    }

    /** Drops every rendered sample, e.g. after the sample library was updated. */
    static void resetCache() {
        sampleCache = new HashMap<>();
    }
}
