package dev.crosstalk.testapps.asyncjetty;

import dev.crosstalk.testapps.gates.Gates;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /async/statement?customer=}: servlet async with {@code dispatch()}; the statement is rendered
 * when the container dispatches the request back. The bug keeps the customer in the servlet's field
 * between the two passes; the fixed twin keeps it as a request attribute.
 */
final class StatementServlet extends HttpServlet {
    private final Gates gates;
    private final boolean fixed;
    private String lastCustomer;

    StatementServlet(Gates gates, boolean fixed) {
        this.gates = gates;
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getDispatcherType() == DispatcherType.ASYNC) {
            render(req, resp);
            return;
        }
        String customer = req.getParameter("customer");
        String gate = req.getParameter("gate");
        if (fixed) {
            req.setAttribute("customer", customer);
        } else {
            lastCustomer = customer;
        }
        AsyncContext async = req.startAsync();
        async.start(() -> {
            gates.pass(gate);
            async.dispatch();
        });
    }

    /** The second pass, when the container dispatches the request back. */
    private void render(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String who = fixed ? (String) req.getAttribute("customer") : lastCustomer;
        resp.getWriter().write("statement for " + who);
    }
}
