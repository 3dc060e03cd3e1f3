package dev.crosstalk.testapps.reach;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /open} makes the price list on first use and keeps it in the servlet context under
 * {@code attribute}; {@code /show} lists the prices, failing on the first one missing; {@code /reload}
 * reloads them.
 */
final class CatalogServlet extends HttpServlet {
    private static final List<String> ITEMS = List.of("shoes", "socks");
    private final Supplier<PriceList> lists;
    private final String attribute;

    CatalogServlet(Supplier<PriceList> lists, String attribute) {
        this.lists = lists;
        this.attribute = attribute;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String gate = req.getParameter("gate");
        ServletContext context = req.getServletContext();
        resp.setContentType("text/plain");
        switch (req.getPathInfo()) {
            case "/open":
                if (context.getAttribute(attribute) == null) {
                    PriceList list = lists.get();
                    list.load(null);
                    context.setAttribute(attribute, list);
                }
                resp.getWriter().print("open");
                return;
            case "/reload":
                ((PriceList) context.getAttribute(attribute)).load(gate);
                resp.getWriter().print("reloaded");
                return;
            case "/show":
                show((PriceList) context.getAttribute(attribute), gate, resp);
                return;
            default:
                resp.sendError(404);
        }
    }

    private static void show(PriceList list, String gate, HttpServletResponse resp) throws IOException {
        Gates.await(gate, "published");
        try {
            Map<String, String> prices = list.prices();
            StringBuilder page = new StringBuilder();
            for (String item : ITEMS) {
                String price = prices.get(item);
                if (price == null) {
                    resp.setStatus(500);
                    resp.getWriter().print("Element " + item.toUpperCase() + " is undefined in APPLICATION.CATALOG");
                    return;
                }
                page.append(item).append('=').append(price).append('\n');
            }
            resp.getWriter().print(page);
        } finally {
            Gates.arrive(gate, "read");
        }
    }
}
