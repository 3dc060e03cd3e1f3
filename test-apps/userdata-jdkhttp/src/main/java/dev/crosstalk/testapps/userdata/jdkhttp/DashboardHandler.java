package dev.crosstalk.testapps.userdata.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * GET /dashboard: a page rendered from a model map holding the user's language. The bug: the model is
 * built once, by the first request, and kept in the handler, of which the server has one: everyone
 * gets the first user's language. The fixed twin builds the model for each request.
 */
class DashboardHandler implements HttpHandler {

    private final boolean fixed;
    private Map<String, Object> model;

    DashboardHandler(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Map<String, Object> m;
        if (fixed) {
            m = model(exchange);
        } else {
            synchronized (this) {
                if (model == null) {
                    model = model(exchange);
                }
                m = model;
            }
        }
        Http.send(exchange, m.get("title") + " in " + m.get("lang"));
    }

    private static Map<String, Object> model(HttpExchange exchange) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Dashboard");
        m.put("lang", exchange.getRequestHeaders().getFirst("Accept-Language"));
        return m;
    }
}
