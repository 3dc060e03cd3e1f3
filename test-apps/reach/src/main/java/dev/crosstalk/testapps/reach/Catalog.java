package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/**
 * The price list made by the first request and kept in the servlet context for every request; a reload
 * re-initialises its map field and then fills it while other requests read it.
 */
final class Catalog implements PriceList {
    private Map<String, String> prices;

    @Override
    public void load(String gate) {
        prices = new HashMap<>();
        Gates.arrive(gate, "published");
        Gates.await(gate, "read");
        prices.put("shoes", "59.90");
        prices.put("socks", "4.90");
    }

    @Override
    public Map<String, String> prices() {
        return prices;
    }
}
