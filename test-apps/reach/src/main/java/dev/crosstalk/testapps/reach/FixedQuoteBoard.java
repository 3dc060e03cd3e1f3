package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/** The fix: a refresh builds new quotes and swaps them in; a request reads one snapshot throughout. */
final class FixedQuoteBoard implements Quotes {
    private volatile Map<String, String> current = Map.of("EUR", "1.10", "USD", "1.00");

    @Override
    public void refresh(String eur, String gate) {
        Gates.await(gate, "first-read");
        Map<String, String> next = new HashMap<>();
        next.put("EUR", eur);
        next.put("USD", "1.00");
        current = next;
        Gates.arrive(gate, "refreshing");
        Gates.await(gate, "second-read");
    }

    @Override
    public String show(String gate) {
        Map<String, String> quotes = current;
        String eur = quotes.get("EUR");
        Gates.arrive(gate, "first-read");
        Gates.await(gate, "refreshing");
        try {
            String usd = quotes.get("USD");
            return usd == null ? null : "EUR " + eur + ", USD " + usd;
        } finally {
            Gates.arrive(gate, "second-read");
        }
    }
}
