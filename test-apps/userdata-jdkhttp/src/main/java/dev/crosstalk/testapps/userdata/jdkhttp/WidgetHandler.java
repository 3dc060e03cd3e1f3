package dev.crosstalk.testapps.userdata.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * GET /widget?name=W: a dashboard widget rendered for the signed-in user, cached by widget name: the
 * first user's widget is served to everyone. The fixed twin keys the cache by widget and user.
 */
class WidgetHandler implements HttpHandler {

    private static final Map<String, String> BY_NAME = new HashMap<>();
    private static final Map<String, String> BY_NAME_AND_USER = new HashMap<>();

    private final boolean fixed;

    WidgetHandler(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String widget = Http.param(exchange, "name");
        String user = exchange.getPrincipal().getUsername();
        Map<String, String> cache = fixed ? BY_NAME_AND_USER : BY_NAME;
        String key = fixed ? widget + "@" + user : widget;
        String rendered;
        synchronized (cache) {
            rendered = cache.get(key);
            if (rendered == null) {
                rendered = "[" + widget + "] inbox of " + user;
                cache.put(key, rendered);
            }
        }
        Http.send(exchange, rendered);
    }
}
