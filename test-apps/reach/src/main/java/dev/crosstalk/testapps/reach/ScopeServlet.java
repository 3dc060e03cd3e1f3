package dev.crosstalk.testapps.reach;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /login} stores a freshly loaded scope in the session; {@code /page} shows its settings, failing
 * as ColdFusion did on the first one missing; {@code /reinit} reloads them.
 */
final class ScopeServlet extends HttpServlet {
    private static final List<String> KEYS = List.of("title", "foo", "bar", "baz");
    private final Supplier<Scope> scopes;

    ScopeServlet(Supplier<Scope> scopes) {
        this.scopes = scopes;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String gate = req.getParameter("gate");
        resp.setContentType("text/plain");
        switch (req.getPathInfo()) {
            case "/login": {
                Scope scope = scopes.get();
                scope.load(null);
                req.getSession(true).setAttribute("scope", scope);
                resp.getWriter().print("logged in");
                return;
            }
            case "/reinit":
                ((Scope) req.getSession().getAttribute("scope")).load(gate);
                resp.getWriter().print("reloaded");
                return;
            case "/page":
                page((Scope) req.getSession().getAttribute("scope"), gate, resp);
                return;
            default:
                resp.sendError(404);
        }
    }

    private static void page(Scope scope, String gate, HttpServletResponse resp) throws IOException {
        Gates.await(gate, "published");
        try {
            Map<String, String> settings = scope.settings();
            StringBuilder page = new StringBuilder();
            for (String key : KEYS) {
                String value = settings.get(key);
                if (value == null) {
                    resp.setStatus(500);
                    resp.getWriter().print("Element " + key.toUpperCase() + " is undefined in SESSION.SCOPE.SETTINGS");
                    return;
                }
                page.append(key).append('=').append(value).append('\n');
            }
            resp.getWriter().print(page);
        } finally {
            Gates.arrive(gate, "read");
        }
    }
}
