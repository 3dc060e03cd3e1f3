package dev.crosstalk.testapps.remixer;

import java.util.List;

/** A song in the catalogue: its pattern lists sample names in play order. */
record Song(int id, String title, int tempo, String key, List<String> pattern) {
}
