package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * A rate service, one instance for the application, that loads its table on first use behind an
 * instance flag set before the loading: a request arriving meanwhile skips the load and finds rates
 * missing. Nothing static: the flag and the table are fields of the singleton.
 */
final class RateService implements Lookup {
    private boolean loaded;
    private final Map<String, String> rates = new HashMap<>();

    @Override
    public String rate(String code, String gate) {
        if (!loaded) {
            loaded = true;
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
            load();
        }
        return rates.get(code);
    }

    private void load() {
        rates.put("EUR", "1.10");
        rates.put("USD", "1.00");
    }
}
