package dev.crosstalk.testapps.userdata.tomcat9;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /square?n=N: a pure memo, whose value is a function of its key alone. */
class SquareServlet extends HttpServlet {

    private static final Map<String, String> MEMO = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String n = req.getParameter("n");
        String square = MEMO.get(n);
        if (square == null) {
            long x = Long.parseLong(n);
            square = n + " squared is " + (x * x);
            MEMO.put(n, square);
        }
        Text.send(resp, square);
    }
}
