package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * As {@link VersionedRates}, with the version in an {@code AtomicInteger} of a singleton: bumped first,
 * then the table emptied and refilled, while a request arriving meanwhile finds rates missing.
 */
final class AtomicVersionedRates implements Lookup {
    private final AtomicInteger version = new AtomicInteger();
    private final Map<String, String> rates = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (version.get() < VersionedRates.feedVersion()) {
            version.incrementAndGet();
            rates.clear();
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
            rates.put("EUR", "1.10");
            rates.put("USD", "1.00");
        }
        return rates.get(code);
    }
}
