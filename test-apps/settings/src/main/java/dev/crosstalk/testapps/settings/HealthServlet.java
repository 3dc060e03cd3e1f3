package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET: liveness probe for the load balancer. */
class HealthServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PlainText.send(resp, HttpServletResponse.SC_OK, "ok");
    }
}
