package dev.crosstalk.testapps.settings;

/** A widget whose content comes from a slow downstream service. */
final class NewsWidget {
    private static final long SERVICE_MILLIS = 300;

    private NewsWidget() {
    }

    static String render() {
        try {
            Thread.sleep(SERVICE_MILLIS); // the news service's response time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "[3 headlines]";
    }
}
