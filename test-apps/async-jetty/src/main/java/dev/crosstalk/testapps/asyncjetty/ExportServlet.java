package dev.crosstalk.testapps.asyncjetty;

import dev.crosstalk.testapps.gates.Gates;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /async/export?customer=}: servlet async, the export built in {@code AsyncContext.start}. The
 * bug reads the customer back from the static status field after the hop; the fixed twin sets the same
 * status field but builds the export from its own local.
 */
final class ExportServlet extends HttpServlet {
    private final Gates gates;
    private final boolean fixed;

    ExportServlet(Gates gates, boolean fixed) {
        this.gates = gates;
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        String customer = req.getParameter("customer");
        String gate = req.getParameter("gate");
        Export.current = customer;
        AsyncContext async = req.startAsync();
        async.start(() -> {
            gates.pass(gate);
            String who = fixed ? customer : Export.current;
            try {
                async.getResponse().getWriter().write("export for " + who);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            async.complete();
        });
    }
}
