package dev.crosstalk.testapps.userdata.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * GET /page: a page whose header greets the user by name. The bug: the rendered header is kept in the
 * application-wide layout, so everyone is greeted with the first user's name. The fixed twin renders
 * the header for each request.
 */
class PageHandler implements HttpHandler {

    private final boolean fixed;

    PageHandler(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String user = exchange.getPrincipal().getName();
        String header;
        if (fixed) {
            header = render(user);
        } else {
            Layout layout = Layout.INSTANCE;
            if (layout.header == null) {
                layout.header = render(user);
            }
            header = layout.header;
        }
        Http.send(exchange, header + "\n<main>portal</main>");
    }

    private static String render(String user) {
        return "<header>Hello, " + user + "</header>";
    }
}
