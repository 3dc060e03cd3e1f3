package dev.crosstalk.testapps.staging;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /login?user=alice}: remembers the user in {@link LastLogin#user}, for everyone. */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        LastLogin.user = req.getParameter("user");
        PlainText.write(resp, "logged in");
    }
}
