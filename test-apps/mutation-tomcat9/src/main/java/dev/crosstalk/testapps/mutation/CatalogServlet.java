package dev.crosstalk.testapps.mutation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Shape 5 in a servlet's fields: a list, and a list reachable through a map, iterated by one request
 * ({@code /catalog/list}, {@code /catalog/groups/list}) while another adds to it ({@code
 * /catalog/add}, {@code /catalog/groups/add}); the lister gets {@code ConcurrentModificationException}.
 * {@link FixedCatalogServlet} is the twin on thread-safe collections.
 */
class CatalogServlet extends HttpServlet {
    private final List<String> items = new ArrayList<>(List.of("apple", "pear", "plum"));
    private final Map<String, List<String>> groups = new HashMap<>();

    CatalogServlet() {
        groups.put("fruit", new ArrayList<>(List.of("apple", "pear", "plum")));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String pair = req.getParameter("pair");
        String item = req.getParameter("item");
        String body;
        switch (String.valueOf(req.getPathInfo())) {
            case "/list":
                body = list(items, pair);
                break;
            case "/add":
                Interleave.duringIteration(pair, () -> items.add(item));
                body = "added";
                break;
            case "/groups/list":
                body = list(groups.get("fruit"), pair);
                break;
            case "/groups/add":
                Interleave.duringIteration(pair, () -> groups.get("fruit").add(item));
                body = "added";
                break;
            default:
                resp.sendError(404);
                return;
        }
        PlainText.send(resp, body);
    }

    private static String list(List<String> list, String pair) {
        StringBuilder out = new StringBuilder();
        try {
            for (String s : list) {
                out.append(s).append(' ');
                if (out.indexOf(" ") == out.length() - 1) {
                    Interleave.pauseIteration(pair);
                }
            }
        } catch (ConcurrentModificationException e) {
            return "ConcurrentModificationException";
        }
        return out.toString();
    }
}
