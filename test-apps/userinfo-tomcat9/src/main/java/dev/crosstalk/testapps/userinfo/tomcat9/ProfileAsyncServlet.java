package dev.crosstalk.testapps.userinfo.tomcat9;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** GET /profile-async: the profile built on a worker pool, as slow lookups are. */
class ProfileAsyncServlet extends HttpServlet {

    static final ExecutorService WORKERS = Executors.newFixedThreadPool(2);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        Future<String> profile = WORKERS.submit(() -> "profile of " + CurrentUser.name);
        try {
            PlainText.send(resp, HttpServletResponse.SC_OK, profile.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException(e);
        } catch (ExecutionException e) {
            throw new ServletException(e.getCause());
        }
    }
}
