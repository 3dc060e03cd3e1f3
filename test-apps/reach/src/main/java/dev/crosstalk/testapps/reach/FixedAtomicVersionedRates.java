package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The fix of {@link AtomicVersionedRates}: the version is bumped once the table is refilled. */
final class FixedAtomicVersionedRates implements Lookup {
    private final AtomicInteger version = new AtomicInteger();
    private final Map<String, String> rates = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (version.get() < VersionedRates.feedVersion()) {
            synchronized (this) {
                if (version.get() < VersionedRates.feedVersion()) {
                    rates.clear();
                    rates.put("EUR", "1.10");
                    rates.put("USD", "1.00");
                    version.incrementAndGet();
                }
            }
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
        }
        return rates.get(code);
    }
}
