package dev.crosstalk.testapps.names;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /hello?name=X&amp;renderMs=N: a greeting page for X, rendered in N ms. */
class NameServlet extends HttpServlet {

    // Kept in a field so the rendering steps need not pass it around.
    private String name;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        name = req.getParameter("name");
        Rendering.render(req);
        PlainText.send(resp, HttpServletResponse.SC_OK, "Hello " + name);
    }
}
