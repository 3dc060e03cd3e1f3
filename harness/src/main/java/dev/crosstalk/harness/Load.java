package dev.crosstalk.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop HTTP load: each client thread sends the next GET as soon as the previous answered, on its
 * own kept-alive connection ({@link KeepAliveGet}), for a fixed time, recording every latency. The
 * first failed request (an exception or a non-2xx status) stops all clients, since a benchmark of
 * failing requests measures nothing.
 */
public final class Load {

    // Bounds memory (32 MB per client); past it requests are still counted but latencies not recorded.
    private static final int MAX_SAMPLES_PER_CLIENT = 4 * 1024 * 1024;

    private Load() {
    }

    /**
     * What one load run saw.
     *
     * @param requests completed requests, failed ones included
     * @param errors failed requests
     * @param firstError what the first failure was, or null
     * @param elapsed from the common start until the last client finished
     * @param latenciesMicros recorded latencies in microseconds, sorted ascending
     */
    public record Result(long requests, long errors, String firstError, Duration elapsed, long[] latenciesMicros) {

        /** Requests per second. */
        public double throughput() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        /** The nearest-rank percentile {@code p} (0 &lt; p &le; 100) of the latencies, in microseconds. */
        public long percentileMicros(double p) {
            return percentile(latenciesMicros, p);
        }

        /** The runs {@code parts} as one: their requests, errors, times and latencies summed. */
        public static Result combine(List<Result> parts) {
            long requests = 0;
            long errors = 0;
            String firstError = null;
            Duration elapsed = Duration.ZERO;
            LongList samples = new LongList();
            for (Result r : parts) {
                requests += r.requests;
                errors += r.errors;
                firstError = firstError != null ? firstError : r.firstError;
                elapsed = elapsed.plus(r.elapsed);
                samples.addAll(r.latenciesMicros);
            }
            long[] sorted = samples.toArray();
            Arrays.sort(sorted);
            return new Result(requests, errors, firstError, elapsed, sorted);
        }
    }

    /** Runs {@code clients} closed-loop clients sending {@code GET pathAndQuery} for {@code duration}. */
    public static Result run(Http http, String pathAndQuery, int clients, Duration duration) {
        AtomicBoolean failed = new AtomicBoolean();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(http, pathAndQuery, go, failed, firstError);
            client.thread.setName("crosstalk-load-" + i);
            client.thread.start();
            all.add(client);
        }
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        all.forEach(c -> c.end = end);
        go.countDown();
        long requests = 0;
        long errors = 0;
        LongList samples = new LongList();
        for (Client client : all) {
            joinUninterruptibly(client.thread);
            requests += client.requests;
            errors += client.errors;
            samples.addAll(client.latencies);
        }
        long[] sorted = samples.toArray();
        Arrays.sort(sorted);
        return new Result(requests, errors, firstError.get(), Duration.ofNanos(System.nanoTime() - start), sorted);
    }

    /** The nearest-rank percentile {@code p} of ascending {@code sorted}; 0 when it is empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Client implements Runnable {
        final Thread thread = new Thread(this);
        final LongList latencies = new LongList();
        private final KeepAliveGet connection;
        private final String path;
        private final CountDownLatch go;
        private final AtomicBoolean failed;
        private final AtomicReference<String> firstError;
        long end; // set before go opens; the latch publishes it to this thread
        long requests;
        long errors;

        Client(Http http, String path, CountDownLatch go, AtomicBoolean failed, AtomicReference<String> firstError) {
            this.connection = new KeepAliveGet(http.uri(path));
            this.path = path;
            this.go = go;
            this.failed = failed;
            this.firstError = firstError;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            try {
                loop();
            } finally {
                connection.close();
            }
        }

        private void loop() {
            while (!failed.get() && System.nanoTime() - end < 0) {
                long t0 = System.nanoTime();
                String error = send();
                long micros = (System.nanoTime() - t0) / 1000;
                requests++;
                if (error != null) {
                    errors++;
                    firstError.compareAndSet(null, error);
                    failed.set(true);
                } else if (latencies.size() < MAX_SAMPLES_PER_CLIENT) {
                    latencies.add(micros);
                }
            }
        }

        private String send() {
            try {
                int status = connection.get();
                return status / 100 == 2 ? null
                        : "GET " + path + " answered " + status + ": " + abbreviate(connection.lastBody());
            } catch (IOException | RuntimeException e) {
                return e.getMessage() != null ? e.getMessage() : e.toString();
            }
        }

        private static String abbreviate(String body) {
            return body.length() <= 200 ? body : body.substring(0, 200) + "...";
        }
    }

    /** A growable long[]; boxing every sample would cost more than the requests being measured. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        int size() {
            return size;
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(LongList other) {
            addAll(other.values, other.size);
        }

        void addAll(long[] more) {
            addAll(more, more.length);
        }

        private void addAll(long[] more, int count) {
            if (size + count > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, size + count));
            }
            System.arraycopy(more, 0, values, size, count);
            size += count;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
