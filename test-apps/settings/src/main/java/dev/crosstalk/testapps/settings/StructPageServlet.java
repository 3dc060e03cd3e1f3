package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET ?app=original|fixed[&init=abracadabra]: the page header, built from the settings bean. */
class StructPageServlet extends HttpServlet {

    private static final String SCOPE = "APPLICATION.SETTINGS";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String app = req.getParameter("app") == null ? "original" : req.getParameter("app");
        if (!app.equals("original") && !app.equals("fixed")) {
            PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, "unknown app");
            return;
        }
        boolean fixed = app.equals("fixed");
        if (Reload.requested(req)) {
            if (fixed) {
                FixedStructApplication.onApplicationStart();
            } else {
                StructApplication.onApplicationStart();
            }
        }

        StringBuilder page = new StringBuilder();
        page.append("title=").append(UndefinedElementException.require(settings(fixed).getTitle(), "title", SCOPE));
        page.append(" foo=").append(UndefinedElementException.require(settings(fixed).getFoo(), "foo", SCOPE));
        page.append(" bar=").append(UndefinedElementException.require(settings(fixed).getBar(), "bar", SCOPE));
        page.append(" baz=").append(UndefinedElementException.require(settings(fixed).getBaz(), "baz", SCOPE));
        PlainText.send(resp, HttpServletResponse.SC_OK, page.toString());
    }

    private static Settings settings(boolean fixed) {
        return fixed ? FixedStructApplication.current : StructApplication.current;
    }
}
