package dev.crosstalk.testapps.staging;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code GET /title}: reads the start-up settings and counts the hits, both quiet at warning level. */
@WebServlet("/title")
public class TitleServlet extends HttpServlet {
    private static final AtomicLong HITS = new AtomicLong();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PlainText.write(resp, Settings.current.get("title") + " (" + HITS.incrementAndGet() + ")");
    }
}
