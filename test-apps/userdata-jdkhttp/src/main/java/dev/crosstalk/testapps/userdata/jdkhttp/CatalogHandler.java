package dev.crosstalk.testapps.userdata.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GET /catalog?sku=S: look-alikes that must stay quiet. A catalog entry built from the key alone and
 * cached by it (a memo: every user asking for the same SKU gets the same entry, rightly), and a
 * theme of constants built lazily by the first request and kept in a static.
 */
class CatalogHandler implements HttpHandler {

    /** A catalog entry: a function of its SKU. */
    record Entry(String sku, String title) {
    }

    /** The shop's theme: the same for everyone. */
    record Theme(String name, List<String> colours) {
    }

    private static final Map<String, Entry> BY_SKU = new ConcurrentHashMap<>();
    private static Theme theme;

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String sku = Http.param(exchange, "sku");
        Entry entry = BY_SKU.get(sku);
        if (entry == null) {
            entry = new Entry(sku, "Item " + sku.toUpperCase());
            BY_SKU.put(sku, entry);
        }
        if (theme == null) {
            theme = new Theme("light", List.of("white", "grey"));
        }
        Http.send(exchange, entry.title() + " on " + theme.name());
    }
}
