package dev.crosstalk.testapps.userinfo.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /fixed/profile?token=T: the profile of the user the token belongs to. */
class FixedProfileServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = Tokens.userFor(req.getParameter("token"));
        if (user == null) {
            PlainText.send(resp, HttpServletResponse.SC_UNAUTHORIZED, "unknown token");
            return;
        }
        PlainText.send(resp, HttpServletResponse.SC_OK, "profile of " + user);
    }
}
