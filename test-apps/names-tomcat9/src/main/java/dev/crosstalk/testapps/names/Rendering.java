package dev.crosstalk.testapps.names;

import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.HttpServletRequest;

/**
 * The slow part of a page: it takes {@code renderMs} (a request parameter, default 0) to render. How
 * many renders are under way is public ({@code GET /inflight}), so a client can start a second page
 * while it knows the first one is rendering, rather than guessing from timing.
 */
final class Rendering {

    /** Longer renders are cut to this, so a bad parameter cannot park a worker for long. */
    static final int MAX_RENDER_MS = 30_000;

    private static final AtomicInteger IN_PROGRESS = new AtomicInteger();

    private Rendering() {
    }

    static void render(HttpServletRequest req) {
        int millis = renderMillis(req.getParameter("renderMs"));
        IN_PROGRESS.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // Shutting down: the page is rendered as far as it got.
            Thread.currentThread().interrupt();
        } finally {
            IN_PROGRESS.decrementAndGet();
        }
    }

    static int inProgress() {
        return IN_PROGRESS.get();
    }

    private static int renderMillis(String param) {
        if (param == null || param.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Math.min(MAX_RENDER_MS, Integer.parseInt(param)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
