package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * As {@link VersionedRates}, with the emptying and refilling in a method of its own: the version is
 * bumped before {@code reload()} runs, and a request arriving meanwhile finds rates missing.
 */
final class ReloadingRates implements Lookup {
    private static int version;
    private static final Map<String, String> RATES = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (version < VersionedRates.feedVersion()) {
            version++;
            reload(gate);
        }
        return RATES.get(code);
    }

    private static void reload(String gate) {
        RATES.clear();
        Gates.arrive(gate, "flagged");
        Gates.await(gate, "looked-up");
        RATES.put("EUR", "1.10");
        RATES.put("USD", "1.00");
    }
}
