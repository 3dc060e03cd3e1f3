package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import java.util.List;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /currencies: the list of currencies, built by the first request that asks (a lazy singleton); plus a counter. */
class CurrenciesServlet extends HttpServlet {

    private static String currencies;
    private static int served;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (currencies == null) {
            currencies = String.join(",", List.of("EUR", "USD", "CHF"));
        }
        served++;
        Text.send(resp, currencies + " (" + served + ")");
    }
}
