package dev.crosstalk.testapps.userinfo.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /stats: the number of logins so far. */
class StatsServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PlainText.send(resp, HttpServletResponse.SC_OK, String.valueOf(Stats.logins));
    }
}
