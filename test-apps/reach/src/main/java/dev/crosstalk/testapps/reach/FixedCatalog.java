package dev.crosstalk.testapps.reach;

import java.util.HashMap;
import java.util.Map;

/** The fix: the new prices are built aside and published with one assignment. */
final class FixedCatalog implements PriceList {
    private volatile Map<String, String> prices;

    @Override
    public void load(String gate) {
        Map<String, String> fresh = new HashMap<>();
        fresh.put("shoes", "59.90");
        fresh.put("socks", "4.90");
        prices = fresh;
        Gates.arrive(gate, "published");
        Gates.await(gate, "read");
    }

    @Override
    public Map<String, String> prices() {
        return prices;
    }
}
