package dev.crosstalk.testapps.asyncjetty;

import java.util.HashMap;
import java.util.Map;

/** What the report page shows about the last report asked for. */
final class LatestReport {
    static final Map<String, String> LATEST = new HashMap<>();

    private LatestReport() {
    }
}
