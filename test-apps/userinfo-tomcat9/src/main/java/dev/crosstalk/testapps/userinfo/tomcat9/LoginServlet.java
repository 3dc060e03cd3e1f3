package dev.crosstalk.testapps.userinfo.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** POST /login?user=X: remembers the user for the pages that follow. */
class LoginServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        if (user == null || user.isEmpty()) {
            PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, "user missing");
            return;
        }
        CurrentUser.name = user;
        Stats.logins++;
        PlainText.send(resp, HttpServletResponse.SC_OK, "welcome " + user);
    }
}
