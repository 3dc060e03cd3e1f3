package dev.crosstalk.testapps.asyncjetty;

import dev.crosstalk.testapps.gates.Gates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /thread/report?customer=}: the report is built on a thread the request starts itself and
 * joins. The bug's thread reads the customer from the static map the request filled; the fixed twin fills
 * the same map but hands the customer to its thread.
 */
final class ReportServlet extends HttpServlet {
    private final Gates gates;
    private final boolean fixed;

    ReportServlet(Gates gates, boolean fixed) {
        this.gates = gates;
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String customer = req.getParameter("customer");
        String gate = req.getParameter("gate");
        synchronized (LatestReport.LATEST) {
            LatestReport.LATEST.put("customer", customer);
        }
        String[] report = new String[1];
        Thread worker = new Thread(() -> {
            gates.pass(gate);
            String who;
            synchronized (LatestReport.LATEST) {
                who = fixed ? customer : LatestReport.LATEST.get("customer");
            }
            report[0] = "report for " + who;
        }, "report-worker");
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resp.getWriter().write(report[0]);
    }
}
