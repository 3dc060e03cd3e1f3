package dev.crosstalk.testapps.asyncjetty;

import dev.crosstalk.testapps.gates.Gates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /gate/arrived?name=} waits until work reached the gate; {@code POST /gate/release?name=} lets it on. */
final class GateServlet extends HttpServlet {
    private final Gates gates;

    GateServlet(Gates gates) {
        this.gates = gates;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        gates.awaitArrival(req.getParameter("name"));
        resp.getWriter().write("arrived");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        gates.release(req.getParameter("name"));
        resp.getWriter().write("released");
    }
}
