package dev.crosstalk.testapps.names;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /inflight: how many pages are rendering right now. */
class InFlightServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PlainText.send(resp, HttpServletResponse.SC_OK, String.valueOf(Rendering.inProgress()));
    }
}
