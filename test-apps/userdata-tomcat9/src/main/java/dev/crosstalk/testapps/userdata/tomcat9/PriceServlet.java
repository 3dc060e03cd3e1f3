package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * GET /price?item=I: a price rendered in the session's currency, cached because conversion is slow.
 * The bug: the cache is keyed by the item only, so the first user's currency is served to everyone.
 * The fixed twin keys it by item and currency.
 */
class PriceServlet extends HttpServlet {

    private static final Map<String, String> RENDERED = new HashMap<>();
    private static final Map<String, String> RENDERED_BY_CURRENCY = new HashMap<>();

    private final boolean fixed;

    PriceServlet(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String item = req.getParameter("item");
        String currency = (String) req.getSession().getAttribute("currency");
        Text.send(resp, fixed ? fixedPrice(item, currency) : price(item, currency));
    }

    private static String price(String item, String currency) {
        String rendered = RENDERED.get(item);
        if (rendered == null) {
            rendered = item + ": 12.00 " + currency;
            RENDERED.put(item, rendered);
        }
        return rendered;
    }

    private static String fixedPrice(String item, String currency) {
        String key = item + "|" + currency;
        String rendered = RENDERED_BY_CURRENCY.get(key);
        if (rendered == null) {
            rendered = item + ": 12.00 " + currency;
            RENDERED_BY_CURRENCY.put(key, rendered);
        }
        return rendered;
    }
}
