package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * GET ?app=original|guru|locked[&init=abracadabra][&widget=news]: the page header, built from the
 * application settings. With {@code widget=news} the page also embeds a news widget after the title,
 * fetched from a slow downstream service, so the page reads the settings before and after a
 * 300 ms wait: a reload in between pulls the settings out from under it.
 */
class PageServlet extends HttpServlet {

    private static final String SCOPE = "APPLICATION.SETTINGS";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String app = req.getParameter("app") == null ? "original" : req.getParameter("app");
        if (!app.equals("original") && !app.equals("guru") && !app.equals("locked")) {
            PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, "unknown app");
            return;
        }
        if (Reload.requested(req)) {
            switch (app) {
                case "guru" -> GuruApplication.onApplicationStart();
                case "locked" -> LockedApplication.onApplicationStart();
                default -> Application.onApplicationStart();
            }
        }

        StringBuilder page = new StringBuilder();
        page.append("title=").append(setting(app, "title"));
        if ("news".equals(req.getParameter("widget"))) {
            page.append(" news=").append(NewsWidget.render());
        }
        page.append(" foo=").append(setting(app, "foo"));
        page.append(" bar=").append(setting(app, "bar"));
        page.append(" baz=").append(setting(app, "baz"));
        PlainText.send(resp, HttpServletResponse.SC_OK, page.toString());
    }

    private static Object setting(String app, String key) {
        Object value = switch (app) {
            case "guru" -> GuruApplication.settings.get(key);
            case "locked" -> LockedApplication.setting(key);
            default -> Application.settings.get(key);
        };
        return UndefinedElementException.require(value, key, SCOPE);
    }
}
