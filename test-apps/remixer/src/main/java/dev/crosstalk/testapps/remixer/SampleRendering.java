package dev.crosstalk.testapps.remixer;

import static dev.crosstalk.testapps.remixer.AudioRenderer.renderAudio;

import java.util.Map;

/** The remix loop of {@link PatternRemixer}, over a cache its caller chooses: keyed by sample name only. */
final class SampleRendering {

    private SampleRendering() {
    }

    static String remix(Map<String, String> cache, Song song) {
        StringBuilder out = new StringBuilder(song.title()).append(':');
        for (String sample : song.pattern()) {
            if (!cache.containsKey(sample)) {
                cache.put(sample, renderAudio(song, sample));
            }
            out.append(' ').append(cache.get(sample));
        }
        return out.toString();
    }
}
