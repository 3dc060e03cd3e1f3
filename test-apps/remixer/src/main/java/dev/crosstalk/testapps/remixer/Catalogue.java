package dev.crosstalk.testapps.remixer;

import java.util.List;

/** The songs the studio can remix. Songs reuse the same kit, so sample names repeat across songs. */
final class Catalogue {

    private static final List<Song> SONGS = List.of(
            new Song(0, "Night Drive", 120, "A-minor", List.of("kick", "hat", "snare", "hat")),
            new Song(1, "Sunrise", 96, "D-major", List.of("kick", "snare", "hat", "snare")),
            new Song(2, "Warehouse", 128, "F-minor", List.of("kick", "kick", "clap", "hat")));

    private Catalogue() {
    }

    /** Returns the song for a request parameter, or null when the parameter names no song. */
    static Song find(String idParam) {
        if (idParam == null) {
            return null;
        }
        try {
            int id = Integer.parseInt(idParam.trim());
            return id >= 0 && id < SONGS.size() ? SONGS.get(id) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
