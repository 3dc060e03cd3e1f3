package dev.crosstalk.testapps.asyncjetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /tl/hello?user=}: sets the thread's user and greets it. The bug never removes it, which is a
 * carry-over waiting to happen on a pooled request thread and nothing on a virtual one; the fixed twin
 * removes it.
 */
final class HelloServlet extends HttpServlet {
    private final boolean fixed;

    HelloServlet(boolean fixed) {
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ThreadLocal<String> current = fixed ? UserContext.FIXED_CURRENT : UserContext.CURRENT;
        current.set(req.getParameter("user"));
        try {
            resp.getWriter().write("hello " + current.get());
        } finally {
            if (fixed) {
                current.remove();
            }
        }
    }
}
