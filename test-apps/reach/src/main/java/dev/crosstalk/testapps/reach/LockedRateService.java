package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * Double-checked locking on a singleton's flag, set first inside the lock: the unlocked first check of
 * a concurrent request sees the flag up and reads the table while it is still being filled.
 */
final class LockedRateService implements Lookup {
    private boolean loaded;
    private final Map<String, String> rates = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    loaded = true;
                    Gates.arrive(gate, "flagged");
                    Gates.await(gate, "looked-up");
                    rates.put("EUR", "1.10");
                    rates.put("USD", "1.00");
                }
            }
        }
        return rates.get(code);
    }
}
