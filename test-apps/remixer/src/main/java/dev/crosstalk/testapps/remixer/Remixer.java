package dev.crosstalk.testapps.remixer;

interface Remixer {
    String remix(Song song);
}
