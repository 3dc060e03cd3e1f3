package dev.crosstalk.testapps.reach;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code ?code=EUR} shows one rate. A request with {@code reader} set comes in while the first one is
 * loading: it waits until the first has passed the guard flag, then looks the rate up. One with
 * {@code settled} set waits until a start-up load has finished.
 */
final class RatesServlet extends HttpServlet {
    private final Lookup rates;

    RatesServlet(Lookup rates) {
        this.rates = rates;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String gate = req.getParameter("gate");
        boolean reader = req.getParameter("reader") != null;
        boolean settled = req.getParameter("settled") != null;
        if (reader) {
            Gates.await(gate, "flagged");
        }
        if (settled) {
            Gates.await(gate, "loaded");
        }
        String rate;
        try {
            rate = rates.rate(req.getParameter("code"), reader || settled ? null : gate);
        } finally {
            if (reader) {
                Gates.arrive(gate, "looked-up");
            }
        }
        resp.setContentType("text/plain");
        if (rate == null) {
            resp.setStatus(500);
            resp.getWriter().print("Element " + req.getParameter("code") + " is undefined in RATES");
            return;
        }
        resp.getWriter().print(rate);
    }
}
