package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET ?kind=unsafe|holder|dcl: where the back-end services are, for the ops dashboard. */
class RegistryServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String kind = req.getParameter("kind") == null ? "unsafe" : req.getParameter("kind");
        Registry registry = switch (kind) {
            case "unsafe" -> LazyRegistry.get();
            case "holder" -> HolderRegistry.get();
            case "dcl" -> DclRegistry.get();
            default -> null;
        };
        if (registry == null) {
            PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, "unknown kind");
            return;
        }
        PlainText.send(resp, HttpServletResponse.SC_OK, "kind=" + kind + " " + registry.describe());
    }
}
