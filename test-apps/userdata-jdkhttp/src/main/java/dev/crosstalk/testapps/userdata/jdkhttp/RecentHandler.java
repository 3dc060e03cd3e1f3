package dev.crosstalk.testapps.userdata.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GET /recent?list=L: the items the signed-in user viewed last, as a list cached by the list's name
 * only: the first user's items are served to everyone. The fixed twin keys the cache by list and user.
 */
class RecentHandler implements HttpHandler {

    private static final Map<String, List<String>> BY_LIST = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> BY_LIST_AND_USER = new ConcurrentHashMap<>();

    private final boolean fixed;

    RecentHandler(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String list = Http.param(exchange, "list");
        String user = exchange.getPrincipal().getUsername();
        Map<String, List<String>> cache = fixed ? BY_LIST_AND_USER : BY_LIST;
        String key = fixed ? list + "@" + user : list;
        List<String> items = cache.get(key);
        if (items == null) {
            items = new ArrayList<>();
            items.add("book viewed by " + user);
            items.add("lamp viewed by " + user);
            cache.put(key, items);
        }
        Http.send(exchange, String.join(", ", items));
    }
}
