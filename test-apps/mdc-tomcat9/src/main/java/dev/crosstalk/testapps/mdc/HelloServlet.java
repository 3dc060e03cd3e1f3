package dev.crosstalk.testapps.mdc;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.logging.log4j.LogManager;

/** Logs one line per request, through Logback ({@code /logback...}) or Log4j 2 ({@code /log4j...}). */
final class HelloServlet extends HttpServlet {
    private static final org.slf4j.Logger LOGBACK = org.slf4j.LoggerFactory.getLogger(HelloServlet.class);
    private static final org.apache.logging.log4j.Logger LOG4J = LogManager.getLogger(HelloServlet.class);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String line = "hello from " + req.getRequestURI() + (req.getQueryString() == null ? " (anonymous)" : "");
        if (req.getServletPath().startsWith("/logback")) {
            LOGBACK.info(line);
        } else {
            LOG4J.info(line);
        }
        resp.setContentType("text/plain");
        resp.getWriter().print("thread=" + Thread.currentThread().getName());
    }
}
