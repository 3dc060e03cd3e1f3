package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/** The fix: the version is bumped last, once the table is refilled. */
final class FixedVersionedRates implements Lookup {
    private static volatile int version;
    private static final Map<String, String> RATES = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (version < VersionedRates.feedVersion()) {
            synchronized (FixedVersionedRates.class) {
                if (version < VersionedRates.feedVersion()) {
                    RATES.clear();
                    RATES.put("EUR", "1.10");
                    RATES.put("USD", "1.00");
                    version++;
                }
            }
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
        }
        return RATES.get(code);
    }
}
