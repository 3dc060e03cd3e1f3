package dev.crosstalk.testapps.mutation;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * Every shape but the servlet-field ones, by path; {@code /fixed/…} is each shape's fixed twin and
 * {@code /quiet/NAME} a look-alike. Parameters: {@code user}, {@code name}, {@code item}, {@code
 * key}, {@code role}, {@code d} (a date), {@code ms} (an instant), and {@code pair}, the name the two
 * requests of one interleaving share.
 */
class Endpoints extends HttpServlet {
    private final ReportService reports = new ReportService();
    private final FixedReportService fixedReports = new FixedReportService();
    private final Renderers renderer = new Renderers();
    private final LruCache cache = new LruCache(false);
    private final LruCache safeCache = new LruCache(true);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String pair = req.getParameter("pair");
        String user = req.getParameter("user");
        String name = req.getParameter("name");
        String item = req.getParameter("item");
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        try {
            PlainText.send(resp, answer(req, path, pair, user, name, item));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(503);
        } catch (IllegalArgumentException e) {
            resp.sendError(404);
        }
    }

    private String answer(HttpServletRequest req, String path, String pair, String user, String name, String item)
            throws InterruptedException {
        switch (path) {
            case "/report":
                return reports.report(user, pair);
            case "/fixed/report":
                return fixedReports.report(user, pair);
            case "/registry/contains":
                return "load " + Registry.containsThenPut(name, pair).load;
            case "/registry/get":
                return "load " + Registry.getThenPut(name, pair).load;
            case "/fixed/registry":
                return "load " + Registry.fixed(name, pair).load;
            case "/registry/loads":
                return String.valueOf(Registry.loads(name));
            case "/render/static":
                return Renderers.renderStatic(user, pair);
            case "/render/field":
                return renderer.renderField(user, pair);
            case "/fixed/render/local":
                return Renderers.renderLocal(user, pair);
            case "/fixed/render/thread":
                return Renderers.renderPerThread(user, pair);
            case "/lru/list":
                return cache.list(pair);
            case "/lru/get":
                return cache.get(req.getParameter("key"), pair);
            case "/fixed/lru/list":
                return safeCache.list(pair);
            case "/fixed/lru/get":
                return safeCache.get(req.getParameter("key"), pair);
            case "/index/list":
                return Index.list(false, pair);
            case "/index/add":
                Index.add(false, item, pair);
                return "added";
            case "/fixed/index/list":
                return Index.list(true, pair);
            case "/fixed/index/add":
                Index.add(true, item, pair);
                return "added";
            case "/cart/open":
            case "/fixed/cart/open":
                req.getSession(true).setAttribute("cart", new Cart(path.startsWith("/fixed")));
                return "opened";
            case "/cart/view":
            case "/fixed/cart/view":
                return cart(req).view(pair);
            case "/cart/add":
            case "/fixed/cart/add":
                cart(req).add(item, pair);
                return "added";
            case "/stamp/year":
                return Stamps.year(req.getParameter("d"), pair);
            case "/stamp/echo":
                return Stamps.echo(Long.parseLong(req.getParameter("ms")), pair);
            case "/fixed/stamp/year":
                return Stamps.fixedYear(req.getParameter("d"), pair);
            case "/fixed/stamp/echo":
                return Stamps.fixedEcho(Long.parseLong(req.getParameter("ms")), pair);
            case "/quiet/handoff/put":
                return LookAlikes.handOff(user);
            case "/quiet/handoff/take":
                return LookAlikes.takeOver();
            default:
                if (path.startsWith("/quiet/")) {
                    return LookAlikes.run(path.substring("/quiet/".length()), user, req.getParameter("role"), pair);
                }
                throw new IllegalArgumentException(path);
        }
    }

    private static Cart cart(HttpServletRequest req) {
        HttpSession session = req.getSession(false);
        Object cart = session == null ? null : session.getAttribute("cart");
        if (!(cart instanceof Cart)) {
            throw new IllegalArgumentException("no cart: open one first");
        }
        return (Cart) cart;
    }
}
