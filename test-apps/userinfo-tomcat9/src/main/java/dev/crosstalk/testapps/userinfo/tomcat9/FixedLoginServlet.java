package dev.crosstalk.testapps.userinfo.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** POST /fixed/login?user=X: answers with a token the client presents on later requests. */
class FixedLoginServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        if (user == null || user.isEmpty()) {
            PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, "user missing");
            return;
        }
        String token = Tokens.login(user);
        Stats.logins++;
        PlainText.send(resp, HttpServletResponse.SC_OK, token);
    }
}
