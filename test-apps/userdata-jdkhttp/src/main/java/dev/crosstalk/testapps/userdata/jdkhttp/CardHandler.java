package dev.crosstalk.testapps.userdata.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * GET /card?theme=T: the signed-in user's profile card. The bug: the last card built is kept in a
 * static "last result" and served again to whoever asks for the same theme next. The fixed twin
 * builds the card for each request.
 */
class CardHandler implements HttpHandler {

    /** A profile card: whose it is and how it looks. */
    record Card(String owner, String theme) {
    }

    private static Card last;

    private final boolean fixed;

    CardHandler(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String user = exchange.getPrincipal().getUsername();
        String theme = "dark".equals(Http.param(exchange, "theme")) ? "dark" : "light";
        Card card;
        if (fixed) {
            card = new Card(user, theme);
        } else {
            Card previous = last;
            if (previous != null && previous.theme().equals(theme)) {
                card = previous;
            } else {
                card = new Card(user, theme);
                last = card;
            }
        }
        Http.send(exchange, card.theme() + " card of " + card.owner());
    }
}
