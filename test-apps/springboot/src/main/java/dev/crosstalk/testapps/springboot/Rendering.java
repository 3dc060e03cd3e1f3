package dev.crosstalk.testapps.springboot;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The slow part of a page. How many renders are under way is public ({@code GET /inflight}), so a
 * client can start a second request while it knows the first one is rendering, rather than guessing
 * from timing.
 */
@Component
class Rendering {

    /** Longer renders are cut to this, so a bad parameter cannot park a worker for long. */
    static final int MAX_RENDER_MS = 30_000;

    private final AtomicInteger inProgress = new AtomicInteger();

    void render(int millis) {
        inProgress.incrementAndGet();
        try {
            Thread.sleep(Math.max(0, Math.min(MAX_RENDER_MS, millis)));
        } catch (InterruptedException e) {
            // Shutting down: the page is rendered as far as it got.
            Thread.currentThread().interrupt();
        } finally {
            inProgress.decrementAndGet();
        }
    }

    int inProgress() {
        return inProgress.get();
    }
}
