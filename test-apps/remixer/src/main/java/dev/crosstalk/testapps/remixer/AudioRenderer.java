package dev.crosstalk.testapps.remixer;

/** Stands in for the expensive part: a rendered sample depends on the song's tempo and key. */
final class AudioRenderer {

    private AudioRenderer() {
    }

    static String renderAudio(Song song, String sample) {
        return sample + "@" + song.tempo() + "bpm/" + song.key();
    }
}
