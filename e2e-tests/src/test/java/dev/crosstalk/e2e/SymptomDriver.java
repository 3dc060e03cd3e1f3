package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * Drives the symptom scenarios of one running app and counts every request it sends, for the agent's
 * summary line: single GETs, two requests that overlap for certain (observed through the app's
 * {@code GET /inflight}, not guessed from timing), and concurrent load until a response is wrong.
 */
final class SymptomDriver {

    /** How long the slow request of an overlap renders; the fast one must start and finish inside it. */
    static final int SLOW_RENDER_MS = 3000;

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(15);

    private final AppProcess app;
    private final Http http;
    private final AtomicInteger sent = new AtomicInteger();

    SymptomDriver(AppProcess app) {
        this.app = app;
        this.http = Http.to(app);
    }

    AppProcess app() {
        return app;
    }

    /** Requests sent so far, answered or not. */
    int sent() {
        return sent.get();
    }

    Http.Response get(String pathAndQuery) {
        sent.incrementAndGet();
        return http.get(pathAndQuery);
    }

    /** GET that must answer 200; returns the body. */
    String get200(String pathAndQuery) {
        Http.Response r = get(pathAndQuery);
        assertEquals(200, r.status(), why("GET " + pathAndQuery + " answered " + r.status() + ": " + r.body(), app));
        return r.body();
    }

    /** The number of renders under way, from {@code GET /inflight}. */
    int inFlight() {
        return Integer.parseInt(get200("/inflight").trim());
    }

    /**
     * The answers of two requests of which the fast one ran entirely inside the slow one's render.
     *
     * @param slowBody what the slow request answered
     * @param fastBody what the fast request answered
     */
    record Overlap(String slowBody, String fastBody) {
    }

    /**
     * Sends {@code slowPath} (which must render for {@link #SLOW_RENDER_MS}), waits until the app reports
     * it rendering, sends {@code fastPath} and waits for its answer, checks the slow render is still
     * under way (so whatever the slow request reads after its render, it reads after the fast request
     * finished), then waits for the slow answer. Both must answer 200.
     */
    Overlap overlap(String slowPath, String fastPath) {
        assertEquals(0, inFlight(), why("no render under way before " + slowPath, app));
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> get(slowPath), client);
            awaitInFlight(slowPath, slow);
            String fastBody = get200(fastPath);
            assertTrue(inFlight() >= 1 && !slow.isDone(), why(slowPath + " was still rendering when " + fastPath
                    + " answered; the render (" + SLOW_RENDER_MS + " ms) was too short for this machine", app));
            Http.Response r = join(slow, "GET " + slowPath, Http.TIMEOUT.toMillis() + SLOW_RENDER_MS);
            assertEquals(200, r.status(), why("GET " + slowPath + " answered " + r.status() + ": " + r.body(), app));
            return new Overlap(r.body(), fastBody);
        } finally {
            client.shutdownNow();
        }
    }

    private void awaitInFlight(String slowPath, CompletableFuture<Http.Response> slow) {
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        while (inFlight() < 1) {
            if (slow.isDone()) {
                Http.Response r = join(slow, "GET " + slowPath, 0);
                fail(why(slowPath + " answered before /inflight saw it rendering: " + r.status() + " " + r.body(),
                        app));
            }
            assertTrue(System.nanoTime() < deadline, why("/inflight did not show " + slowPath + " rendering within "
                    + IN_FLIGHT_WAIT.toSeconds() + " s", app));
            pause();
        }
    }

    private <T> T join(CompletableFuture<T> future, String what, long timeoutMillis) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(why(what + " failed: " + e.getCause(), app).get(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(why(what + " did not finish within " + timeoutMillis + " ms", app).get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * What a concurrent load run saw.
     *
     * @param requests requests answered
     * @param wrong answers that were not 200 with the expected body
     * @param examples the first few wrong answers, as {@code path -> status body}
     * @param elapsed how long the run took
     */
    record LoadRun(int requests, int wrong, List<String> examples, Duration elapsed) {
    }

    /**
     * {@code clients} threads send {@code GET path(i)} for i = 0, 1, 2 ... without pause, checking each
     * answer with {@code right(i, response)}; they stop after {@code maxRequests} requests, at
     * {@code limit}, or (when {@code stopAtFirstWrong}) as soon as one answer is wrong.
     */
    LoadRun load(int clients, IntFunction<String> path, BiPredicate<Integer, Http.Response> right, int maxRequests,
            Duration limit, boolean stopAtFirstWrong) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> examples = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Runnable loop = () -> {
            while (!stop.get() && System.nanoTime() < deadline) {
                int i = next.getAndIncrement();
                if (i >= maxRequests) {
                    return;
                }
                String p = path.apply(i);
                Http.Response r = get(p);
                answered.incrementAndGet();
                if (!right.test(i, r)) {
                    wrong.incrementAndGet();
                    if (examples.size() < 5) {
                        examples.add(p + " -> " + r.status() + " " + r.body());
                    }
                    if (stopAtFirstWrong) {
                        stop.set(true);
                    }
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                all.add(CompletableFuture.runAsync(loop, pool));
            }
            for (CompletableFuture<Void> f : all) {
                join(f, "load client", limit.toMillis() + Http.TIMEOUT.toMillis() * 2);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        return new LoadRun(answered.get(), wrong.get(), List.copyOf(examples),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
