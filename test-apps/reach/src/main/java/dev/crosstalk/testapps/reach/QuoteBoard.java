package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * A singleton made at start-up whose {@code final} map is cleared and refilled by a request, while
 * other requests read it: final is the reference, not the contents.
 */
final class QuoteBoard implements Quotes {
    private final Map<String, String> current = new HashMap<>();

    QuoteBoard() {
        current.put("EUR", "1.10");
        current.put("USD", "1.00");
    }

    @Override
    public void refresh(String eur, String gate) {
        Gates.await(gate, "first-read");
        current.clear();
        current.put("EUR", eur);
        Gates.arrive(gate, "refreshing");
        Gates.await(gate, "second-read");
        current.put("USD", "1.00");
    }

    @Override
    public String show(String gate) {
        String eur = current.get("EUR");
        Gates.arrive(gate, "first-read");
        Gates.await(gate, "refreshing");
        try {
            String usd = current.get("USD");
            return usd == null ? null : "EUR " + eur + ", USD " + usd;
        } finally {
            Gates.arrive(gate, "second-read");
        }
    }
}
