package dev.crosstalk.testapps.staging;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /price?item=tea&currency=EUR}: the price is cached by item although it depends on the
 * currency too, so the first currency asked for is served to everyone (the remixer's bug, in a WAR).
 */
@WebServlet("/price")
public class PriceServlet extends HttpServlet {
    private static final Map<String, String> PRICES = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String item = req.getParameter("item");
        String currency = req.getParameter("currency");
        if ("true".equals(req.getParameter("refresh"))) {
            PRICES.put(item, "3 " + currency);
        }
        PlainText.write(resp, PRICES.computeIfAbsent(item, i -> "3 " + currency));
    }
}
