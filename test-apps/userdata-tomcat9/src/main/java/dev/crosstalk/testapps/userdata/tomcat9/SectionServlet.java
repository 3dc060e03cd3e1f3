package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * GET /section/NAME: a section's page inside a layout and a footer whose template names are built
 * from a prefix that is empty unless configured. The section's root ({@code /section/}) cuts its path
 * to an empty name, and every path split at its first slash starts with an empty part: the same empty
 * string the prefix is, yet the layout and footer hold nothing of any request's input (a look-alike of
 * a class loader's or template resolver's names built during a request).
 */
class SectionServlet extends HttpServlet {

    private static final String PREFIX = System.getProperty("shop.templates", "");
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();
    private static String layout;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String name = path.substring(1);
        String[] parts = path.split("/");
        String shownLayout = layout;
        if (shownLayout == null) {
            shownLayout = PREFIX.concat("layout.html");
            layout = shownLayout;
        }
        String footer = TEMPLATES.get("footer");
        if (footer == null) {
            footer = new StringBuilder().append(PREFIX).append("footer.html").toString();
            TEMPLATES.put("footer", footer);
        }
        Text.send(resp, shownLayout + " [" + (name.isEmpty() ? "index" : name) + ", " + parts.length + " parts] "
                + footer);
    }
}
