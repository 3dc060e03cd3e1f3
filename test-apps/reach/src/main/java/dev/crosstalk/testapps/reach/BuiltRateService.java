package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * The other fix: volatile double-checked locking that publishes a table built complete in a local
 * variable; the reference itself says "loaded".
 */
final class BuiltRateService implements Lookup {
    private volatile Map<String, String> rates;

    @Override
    public String rate(String code, String gate) {
        Map<String, String> table = rates;
        if (table == null) {
            synchronized (this) {
                table = rates;
                if (table == null) {
                    table = new HashMap<>();
                    table.put("EUR", "1.10");
                    table.put("USD", "1.00");
                    rates = table;
                }
            }
            Gates.arrive(gate, "flagged");
            Gates.await(gate, "looked-up");
        }
        return table.get(code);
    }
}
