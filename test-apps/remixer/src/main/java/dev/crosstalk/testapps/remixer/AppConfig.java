package dev.crosstalk.testapps.remixer;

/** Studio settings, read from system properties once at startup and never changed afterwards. */
final class AppConfig {

    static String studioName;
    static int maxSongs;
    static String defaultKey;

    private AppConfig() {
    }

    static void load() {
        studioName = System.getProperty("remixer.studio", "Studio Nine");
        maxSongs = Integer.getInteger("remixer.maxSongs", 3);
        defaultKey = System.getProperty("remixer.defaultKey", "C-major");
    }
}
