package dev.crosstalk.testapps.asyncjetty;

import dev.crosstalk.testapps.gates.Gates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /cf/quote?user=}: the quote is priced by {@code CompletableFuture.supplyAsync} on the common
 * pool. The bug's supplier reads the user from the servlet's field; the fixed twin's from its local.
 */
final class QuoteServlet extends HttpServlet {
    private final Gates gates;
    private final boolean fixed;
    private String currentUser;

    QuoteServlet(Gates gates, boolean fixed) {
        this.gates = gates;
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        String gate = req.getParameter("gate");
        currentUser = user;
        // The gate is passed here, not in the supplier: the common pool may have a single worker (it has on
        // two cores), and a supplier parked in it would hold up the other request's.
        gates.pass(gate);
        CompletableFuture<String> quote = CompletableFuture.supplyAsync(() -> "quote for " + (fixed ? user : currentUser));
        try {
            resp.getWriter().write(quote.get(30, TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException(e);
        }
    }
}
