package dev.crosstalk.testapps.asyncjetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /tl/greeting[?user=]}: the greeting is made on a platform thread pool of one thread, whose
 * task sets the user it was given. The bug's task never removes it, so an anonymous request after Alice's
 * is greeted as Alice; the fixed twin's task removes it.
 */
final class GreetingServlet extends HttpServlet {
    private final ExecutorService pool;
    private final boolean fixed;

    GreetingServlet(ExecutorService pool, boolean fixed) {
        this.pool = pool;
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        try {
            String greeting = pool.submit(() -> fixed ? greetAndForget(user) : greet(user)).get(30, TimeUnit.SECONDS);
            resp.getWriter().write(greeting);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException(e);
        }
    }

    private static String greet(String user) {
        if (user != null) {
            UserContext.POOLED.set(user);
        }
        return greeting(UserContext.POOLED.get());
    }

    private static String greetAndForget(String user) {
        if (user != null) {
            UserContext.FIXED_POOLED.set(user);
        }
        try {
            return greeting(UserContext.FIXED_POOLED.get());
        } finally {
            UserContext.FIXED_POOLED.remove();
        }
    }

    private static String greeting(String who) {
        return "greetings, " + (who == null ? "guest" : who);
    }
}
