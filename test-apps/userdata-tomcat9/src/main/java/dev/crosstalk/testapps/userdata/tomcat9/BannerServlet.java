package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * GET /banner?maxAge=MS: a banner with the time, refreshed by whichever request comes first once it
 * is older than the caller accepts. Its value comes from the clock, never from a request.
 */
class BannerServlet extends HttpServlet {

    private static long refreshedAt;
    private static String banner;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long maxAge = Long.parseLong(req.getParameter("maxAge"));
        long now = System.currentTimeMillis();
        if (now - refreshedAt > maxAge) {
            banner = "prices as of " + now;
            refreshedAt = now;
        }
        Text.send(resp, banner);
    }
}
