package dev.crosstalk.testapps.mutation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Shape 5 in a servlet's fields: a list, and a list reachable through a map, iterated by one request
 * ({@code /list}, {@code /groups/list}) while another adds to it ({@code /add}, {@code /groups/add});
 * the lister gets {@code ConcurrentModificationException}. The fixed twin is the same servlet on
 * {@code CopyOnWriteArrayList} and {@code ConcurrentHashMap} ({@link #fixed()}).
 */
class CatalogServlet extends HttpServlet {
    private final List<String> items;
    private final Map<String, List<String>> groups;

    private CatalogServlet(List<String> items, Map<String, List<String>> groups, List<String> fruit) {
        this.items = items;
        this.groups = groups;
        items.addAll(List.of("apple", "pear", "plum"));
        fruit.addAll(List.of("apple", "pear", "plum"));
        groups.put("fruit", fruit);
    }

    static CatalogServlet buggy() {
        return new CatalogServlet(new ArrayList<>(), new HashMap<>(), new ArrayList<>());
    }

    static CatalogServlet fixed() {
        return new CatalogServlet(new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
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
