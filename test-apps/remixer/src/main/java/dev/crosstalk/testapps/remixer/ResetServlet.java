package dev.crosstalk.testapps.remixer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** POST: throws away the rendered samples, for when the sample library changed. */
class ResetServlet extends HttpServlet {

    private final Runnable reset;

    ResetServlet(Runnable reset) {
        this.reset = reset;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        reset.run();
        PlainText.send(resp, HttpServletResponse.SC_OK, "reset");
    }
}
