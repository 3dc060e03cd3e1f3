package dev.crosstalk.testapps.asyncjetty;

import dev.crosstalk.testapps.gates.Gates;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /timer/remind?user=}: the reminder is sent by a task on a {@code java.util.Timer} the request
 * makes for it. The bug's task reads the user from the static the request set; the fixed twin's task keeps
 * its own.
 */
final class ReminderServlet extends HttpServlet {
    private final Gates gates;
    private final boolean fixed;

    ReminderServlet(Gates gates, boolean fixed) {
        this.gates = gates;
        this.fixed = fixed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        String gate = req.getParameter("gate");
        Reminders.lastUser = user;
        CompletableFuture<String> sent = new CompletableFuture<>();
        Timer timer = new Timer("reminder", true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                gates.pass(gate);
                sent.complete("reminder for " + (fixed ? user : Reminders.lastUser));
            }
        }, 0);
        try {
            resp.getWriter().write(sent.get(30, TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException(e);
        } finally {
            timer.cancel();
        }
    }
}
