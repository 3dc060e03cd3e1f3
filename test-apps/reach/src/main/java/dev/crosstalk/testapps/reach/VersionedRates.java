package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * Rates reloaded when the rate feed has a newer version. The table's version is bumped before the
 * table is emptied and refilled: a request arriving meanwhile takes the table as current and finds
 * rates missing.
 */
final class VersionedRates implements Lookup {
    private static int version;
    private static final Map<String, String> RATES = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (version < feedVersion()) {
            version++;
            RATES.clear();
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
            RATES.put("EUR", "1.10");
            RATES.put("USD", "1.00");
        }
        return RATES.get(code);
    }

    /** The rate feed's current version: this app's feed was updated once. */
    static int feedVersion() {
        return 1;
    }
}
