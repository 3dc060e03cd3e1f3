package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * A singleton service whose tables are loaded on first use behind a flag in its own field, set before
 * the loading: a request arriving meanwhile skips the load and finds rates missing.
 */
final class RateService implements Lookup {
    private boolean loaded;
    private final Map<String, String> rates = new HashMap<>();
    private final Map<String, String> regions = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (!loaded) {
            loaded = true;
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
            readRates();
            readRegions();
        }
        return rates.get(code);
    }

    private void readRates() {
        rates.put("EUR", "1.10");
        rates.put("USD", "1.00");
    }

    private void readRegions() {
        regions.put("EUR", "Europe");
        regions.put("USD", "Americas");
    }
}
