package dev.crosstalk.testapps.reach;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code ?at=N} answers the byte at position N of one file, {@code /stamp?at=MILLIS} the text of a time. */
final class BlocksServlet extends HttpServlet {
    private final Blocks file;

    BlocksServlet(Blocks file) {
        this.file = file;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long at = Long.parseLong(req.getParameter("at"));
        resp.setContentType("text/plain");
        resp.getWriter().print("/stamp".equals(req.getPathInfo()) ? Stamp.of(at) : String.valueOf(file.read(at)));
    }
}
