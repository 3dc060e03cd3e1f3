package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/** The fix: the flag is set last, once everything it guards is there. */
final class FixedRates implements Lookup {
    private static volatile boolean loaded;
    private static final Map<String, String> RATES = new HashMap<>();
    private static final Map<String, String> REGIONS = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (!loaded) {
            synchronized (FixedRates.class) {
                if (!loaded) {
                    RATES.put("EUR", "1.10");
                    RATES.put("USD", "1.00");
                    REGIONS.put("EUR", "Europe");
                    REGIONS.put("USD", "Americas");
                    loaded = true;
                }
            }
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
        }
        return RATES.get(code);
    }
}
