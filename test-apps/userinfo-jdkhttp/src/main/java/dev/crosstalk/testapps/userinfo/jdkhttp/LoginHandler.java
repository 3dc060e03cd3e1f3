package dev.crosstalk.testapps.userinfo.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** POST /login?user=X: remembers the user for the pages that follow. */
class LoginHandler implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Http.allow(exchange, "POST")) {
            return;
        }
        String user = Http.param(exchange, "user");
        if (user == null || user.isEmpty()) {
            Http.send(exchange, 400, "user missing");
            return;
        }
        CurrentUser.name = user;
        Stats.logins++;
        Http.send(exchange, 200, "welcome " + user);
    }
}
