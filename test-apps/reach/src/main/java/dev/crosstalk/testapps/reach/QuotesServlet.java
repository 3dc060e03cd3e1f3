package dev.crosstalk.testapps.reach;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /show} prints the rates of one singleton board, {@code /refresh?eur=} replaces them. */
final class QuotesServlet extends HttpServlet {
    private final Quotes board;

    QuotesServlet(Quotes board) {
        this.board = board;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String gate = req.getParameter("gate");
        resp.setContentType("text/plain");
        if ("/refresh".equals(req.getPathInfo())) {
            board.refresh(req.getParameter("eur"), gate);
            resp.getWriter().print("refreshed");
            return;
        }
        String line = board.show(gate);
        if (line == null) {
            resp.setStatus(500);
            resp.getWriter().print("Element USD is undefined in QUOTES");
            return;
        }
        resp.getWriter().print(line);
    }
}
