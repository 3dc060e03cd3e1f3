package dev.crosstalk.testapps.reach;

/**
 * The text of a time, kept for its second in the static beside it and refilled in a synchronized
 * method when the second changed, as logging frameworks cache a formatted timestamp: a single-entry
 * cache, correct.
 */
final class Stamp {
    private static long lastSecond = -1;
    private static String text;

    private Stamp() {
    }

    static synchronized String of(long millis) {
        long second = millis / 1000;
        if (second != lastSecond) {
            lastSecond = second;
            text = "second " + second;
        }
        return text;
    }
}
