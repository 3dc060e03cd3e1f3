package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/** GET [?init=abracadabra]: the page header, built from the user's own settings in the session. */
class SessionPageServlet extends HttpServlet {

    private static final String SCOPE = "SESSION.SETTINGS";

    private final Consumer<HttpSession> loader;

    SessionPageServlet(Consumer<HttpSession> loader) {
        this.loader = loader;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(true);
        if (session.getAttribute("settings") == null || Reload.requested(req)) {
            loader.accept(session);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) session.getAttribute("settings");
        StringBuilder page = new StringBuilder();
        page.append("title=").append(UndefinedElementException.require(settings.get("title"), "title", SCOPE));
        page.append(" foo=").append(UndefinedElementException.require(settings.get("foo"), "foo", SCOPE));
        page.append(" bar=").append(UndefinedElementException.require(settings.get("bar"), "bar", SCOPE));
        page.append(" baz=").append(UndefinedElementException.require(settings.get("baz"), "baz", SCOPE));
        PlainText.send(resp, HttpServletResponse.SC_OK, page.toString());
    }
}
