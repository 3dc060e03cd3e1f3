package dev.crosstalk.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak of {@link Bench}: each side serves the same number of requests, spread over every path and
 * many users, each user keeping its own cookies (so its own session where the app keeps one). Then the
 * heap after a full GC is read with {@code jcmd}, and the agent's own classes in the class histogram.
 *
 * <p>The difference of heap used after a full GC, agent against no agent, is what the agent retains:
 * the application's own sessions and caches are the same on both sides. The histogram rows of
 * {@code dev.crosstalk} types show which of the agent's structures hold it (shallow sizes: the arrays
 * and strings they point to are counted under the JDK's types).
 */
final class Soak {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final int TOP_ROWS = 8;

    private final BenchOptions options;
    private final PrintStream out;

    Soak(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** What one side retained. */
    record Retained(long heapUsedKb, long agentBytes, long agentInstances, List<String> topAgentRows) {
    }

    int run(List<Bench.Side> sides, Bench.Launcher launcher) {
        Retained off = null;
        for (Bench.Side side : sides) {
            String label = "soak-" + side.name().toLowerCase(Locale.ROOT);
            long t0 = System.nanoTime();
            try (AppProcess app = launcher.start(side, label)) {
                Http http = Http.to(app);
                Bench.awaitFirstAnswer(app, http, Bench.firstPath(options.path()));
                String failure = drive(app);
                if (failure != null) {
                    out.printf("%s: %s; app output in %s%n", label, failure, app.workDir());
                    return 1;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Retained retained = measure(launcher.jdk(), app.pid());
                out.printf(Locale.ROOT, "%-13s %d requests in %.0f s; heap used after full GC %,d KB; RSS %d MB%n",
                        side.label, options.soak(), seconds, retained.heapUsedKb(), Bench.rssKb(app.pid()) / 1024);
                if (side == Bench.Side.OFF) {
                    off = retained;
                } else {
                    if (off != null) {
                        out.printf(Locale.ROOT, "%-13s retains %+,d KB more heap than no agent%n", side.label,
                                retained.heapUsedKb() - off.heapUsedKb());
                    }
                    if (side == Bench.Side.CROSSTALK) {
                        out.printf(Locale.ROOT, "%-13s dev.crosstalk types in the histogram: %,d instances, %,d bytes"
                                + " (shallow); largest:%n", side.label, retained.agentInstances(), retained.agentBytes());
                        retained.topAgentRows().forEach(row -> out.println("    " + row));
                    }
                }
            }
        }
        return 0;
    }

    /** Sends the soak's requests; answers the first failure, or null. */
    private String drive(AppProcess app) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Http.TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        String[] paths = options.path().split(",");
        Map<Integer, String> cookies = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            Thread t = new Thread(() -> {
                long j;
                while (failure.get() == null && (j = next.getAndIncrement()) < options.soak()) {
                    int user = (int) (j % options.users());
                    String path = paths[(int) (j / options.users() % paths.length)].replace("{user}",
                            Integer.toString(user));
                    String error = send(client, app.uri(path), user, cookies);
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                }
            }, "crosstalk-soak-" + c);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return failure.get();
    }

    private static String send(HttpClient client, URI uri, int user, Map<Integer, String> cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Http.TIMEOUT).GET();
        String cookie = cookies.get(user);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            response.headers().firstValue("Set-Cookie").ifPresent(set -> cookies.put(user, set.split(";", 2)[0]));
            return response.statusCode() / 100 == 2 ? null : "GET " + uri + " answered " + response.statusCode();
        } catch (IOException e) {
            return "GET " + uri + " failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Full GC, then the heap used and the agent's rows of the class histogram. */
    private static Retained measure(Jdk jdk, long pid) {
        jcmd(jdk, pid, "GC.run");
        long usedKb = heapUsedKb(jcmd(jdk, pid, "GC.heap_info"));
        long bytes = 0;
        long instances = 0;
        List<String> top = new ArrayList<>();
        for (String line : jcmd(jdk, pid, "GC.class_histogram").split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find() && row.group(3).contains("dev.crosstalk.")) {
                instances += Long.parseLong(row.group(1));
                bytes += Long.parseLong(row.group(2));
                if (top.size() < TOP_ROWS) {
                    top.add(String.format(Locale.ROOT, "%,12d bytes %,10d x %s", Long.parseLong(row.group(2)),
                            Long.parseLong(row.group(1)), row.group(3)));
                }
            }
        }
        return new Retained(usedKb, bytes, instances, top);
    }

    /**
     * The heap in use from {@code GC.heap_info}: G1 and ZGC print one line for the whole heap, Serial
     * and Parallel GC (what a JVM pinned to one CPU chooses) one line per generation ({@code def new
     * generation} and {@code tenured generation} up to JDK 21 or so, {@code DefNew} and {@code Tenured} on JDK 25).
     */
    static long heapUsedKb(String heapInfo) {
        long kb = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            String trimmed = line.trim();
            if (line.contains(" heap ") || line.contains("generation") || line.contains("PSYoungGen")
                    || line.contains("ParOldGen") || trimmed.startsWith("DefNew ") || trimmed.startsWith("Tenured ")) {
                Matcher used = HEAP_USED.matcher(line);
                if (used.find()) {
                    kb += Long.parseLong(used.group(1));
                    found = true;
                }
            }
        }
        return found ? kb : -1;
    }

    private static String jcmd(Jdk jdk, long pid, String command) {
        try {
            Process p = new ProcessBuilder(jdk.home().resolve("bin/jcmd").toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(Duration.ofSeconds(120).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
