package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/** A singleton's "loaded" marker is a non-null object, stored before the table it stands for is filled. */
final class SentinelRateService implements Lookup {
    private Object loadedAt;
    private final Map<String, String> rates = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (loadedAt == null) {
            loadedAt = new Object();
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
            rates.put("EUR", "1.10");
            rates.put("USD", "1.00");
        }
        return rates.get(code);
    }
}
