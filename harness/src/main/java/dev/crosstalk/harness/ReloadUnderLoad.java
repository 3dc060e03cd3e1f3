package dev.crosstalk.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The settings story's load: readers keep loading a page while one request reloads the settings
 * ({@code init=abracadabra}). Readers start before the reload and stop a moment after it returns,
 * so the reload's whole window is covered.
 *
 * @param requests reader requests made
 * @param failures reader requests that did not answer 200
 * @param example  the body of one failed page, or null
 */
public record ReloadUnderLoad(int requests, int failures, String example) {
    /** How long readers go on after the reload has returned. */
    private static final long TAIL_MILLIS = 100;

    /** Runs {@code readers} reader loops on {@code page} around one reload of {@code page}. */
    public static ReloadUnderLoad run(Http http, String page, int readers) {
        return run(http::get, page, readers);
    }

    /** As {@link #run(Http, String, int)}, for any client (one that keeps a session cookie, say). */
    public static ReloadUnderLoad run(java.util.function.Function<String, Http.Response> client, String page,
            int readers) {
        String reload = page + (page.contains("?") ? "&" : "?") + "init=abracadabra";
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> example = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(readers);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                loops.add(pool.submit(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        Http.Response r = client.apply(page);
                        requests.incrementAndGet();
                        if (r.status() != 200) {
                            failures.incrementAndGet();
                            example.compareAndSet(null, r.body());
                        }
                    }
                    return null;
                }));
            }
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("readers did not start");
            }
            Http.Response r = client.apply(reload);
            if (r.status() != 200) {
                throw new IllegalStateException("the reload itself failed: " + r.status() + " " + r.body());
            }
            Thread.sleep(TAIL_MILLIS);
            stop.set(true);
            for (Future<?> f : loops) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("reload under load on " + page + " failed", e);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        return new ReloadUnderLoad(requests.get(), failures.get(), example.get());
    }

    /**
     * Loads the page with the slow news widget (it reads the settings, waits 300 ms for the widget,
     * reads them again) and reloads the settings 100 ms into it; answers the slow page's body.
     */
    public static String slowPageDuringReload(Http http) {
        return slowPageDuringReload(http, "original").body();
    }

    /** As {@link #slowPageDuringReload(Http)} for any variant of the page ({@code original}, {@code guru}, …). */
    public static Http.Response slowPageDuringReload(Http http, String app) {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<Http.Response> slow = one.submit(() -> http.get("/page?app=" + app + "&widget=news"));
            Thread.sleep(100);
            Http.Response reload = http.get("/page?app=" + app + "&init=abracadabra");
            if (reload.status() != 200) {
                throw new IllegalStateException("the reload itself failed: " + reload.status() + " " + reload.body());
            }
            return slow.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("slow page during a reload of " + app + " failed", e);
        } finally {
            one.shutdownNow();
        }
    }
}
