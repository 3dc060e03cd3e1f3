package dev.crosstalk.testapps.staging;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /banner}: greets whoever logged in last, in this webapp, whoever is asking. */
@WebServlet("/banner")
public class BannerServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PlainText.write(resp, "Welcome back, " + LastLogin.user);
    }
}
