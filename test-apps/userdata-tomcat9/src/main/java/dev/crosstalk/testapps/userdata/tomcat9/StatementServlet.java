package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * GET /statement?month=M: the signed-in user's monthly statement. Rendering is slow, so the last one
 * is kept in a static field and reused when the same month is asked for again, by anyone. The fixed
 * twin keeps the last statement in the user's session.
 */
class StatementServlet extends HttpServlet {

    private static String last;

    private final boolean fixed;

    StatementServlet(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String month = req.getParameter("month");
        HttpSession session = req.getSession();
        String previous = fixed ? (String) session.getAttribute("lastStatement") : last;
        if (previous != null && previous.startsWith(month + ":")) {
            Text.send(resp, previous);
            return;
        }
        StringBuilder statement = new StringBuilder(month).append(": statement of ");
        statement.append((String) session.getAttribute("name"));
        String rendered = statement.toString();
        if (fixed) {
            session.setAttribute("lastStatement", rendered);
        } else {
            last = rendered;
        }
        Text.send(resp, rendered);
    }
}
