package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** POST /session?name=N&amp;currency=C: signs the user in; name and currency live in the session. */
class SessionServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(true);
        session.setAttribute("name", req.getParameter("name"));
        session.setAttribute("currency", req.getParameter("currency"));
        Text.send(resp, "signed in");
    }
}
