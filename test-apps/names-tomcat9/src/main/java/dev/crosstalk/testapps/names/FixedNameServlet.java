package dev.crosstalk.testapps.names;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /fixed/hello?name=X&amp;renderMs=N: the same page, the name kept in a local variable. */
class FixedNameServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        Rendering.render(req);
        PlainText.send(resp, HttpServletResponse.SC_OK, "Hello " + name);
    }
}
