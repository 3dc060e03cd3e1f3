package dev.crosstalk.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The README's first command: starts a test app under the agent, plays the seed stories against it
 * over HTTP, and prints what the app answered and what crosstalk reported, as a person would read it.
 */
public final class Demo {
    private final PrintStream out;
    private final Project project;
    private final Path workDir;

    Demo(PrintStream out, Project project, Path workDir) {
        this.out = out;
        this.project = project;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws IOException {
        Path workDir = Files.createTempDirectory("crosstalk-demo-");
        new Demo(System.out, Project.locate(), workDir).run();
    }

    void run() {
        out.println("crosstalk demo: test apps run in their own JVMs with -javaagent:" + project.agentJar());
        out.println("(work dir " + workDir + ")");
        sampleCache();
        settingsReload();
    }

    /** Seed 2: settings re-initialised on a live server, read half-built by other requests. */
    private void settingsReload() {
        heading("Seed 2: settings re-initialised on a live server (test-apps/settings on Jetty 12)");
        Path dir = workDir.resolve("settings");
        // show-keys: the demo's settings keys are not personal data, and "bar" reads better than a hash
        try (AppProcess app = start("settings", dir, "show-keys=true")) {
            Http http = Http.to(app);
            step(http, "GET", "/page");
            out.println();
            for (String variant : new String[] {"original", "guru", "locked"}) {
                ReloadUnderLoad r = ReloadUnderLoad.run(http, "/page?app=" + variant, 8);
                out.printf(Locale.ROOT, "   %-8s reload while 8 readers load the page: %d of %d pages failed%s%n",
                        variant, r.failures(), r.requests(), r.example() == null ? "" : " (\"" + r.example() + "\")");
            }
            out.println();
            out.println(" A page that reads the settings before and after a slow widget, during a reload:");
            String slow = ReloadUnderLoad.slowPageDuringReload(http);
            out.println("   GET  /page?widget=news       -> " + slow);
            app.stopGracefully();
            report(app, dir);
        }
    }

    /** Seed 1: a class-level cache serves one song's samples to the next song's request. */
    private void sampleCache() {
        heading("Seed 1: the shared sample cache (test-apps/remixer on Jetty 12)");
        Path dir = workDir.resolve("remixer");
        try (AppProcess app = start("remixer", dir)) {
            Http http = Http.to(app);
            String first = step(http, "GET", "/remix?song=0");
            step(http, "POST", "/reset");
            step(http, "GET", "/remix?song=1");
            String again = step(http, "GET", "/remix?song=0");
            out.println(first.equals(again)
                    ? "   The two answers for song 0 are identical."
                    : "   Song 0 came back with song 1's samples: another request's data.");
            out.println();
            out.println(" The fixed variant, cached by song and sample:");
            String fixedFirst = step(http, "GET", "/fixed/remix?song=0");
            step(http, "POST", "/fixed/reset");
            step(http, "GET", "/fixed/remix?song=1");
            String fixedAgain = step(http, "GET", "/fixed/remix?song=0");
            out.println(fixedFirst.equals(fixedAgain)
                    ? "   Song 0 is the same both times."
                    : "   The fixed variant differs too: that is a bug in the demo app.");
            app.stopGracefully();
            report(app, dir);
        }
    }

    private AppProcess start(String name, Path dir, String... options) {
        String extra = options.length == 0 ? "" : "," + String.join(",", options);
        return AppProcess.builder().jar(project.appJar(name)).agentJar(project.agentJar())
                .agentOptions("json=" + dir.resolve("findings.jsonl") + ",update-interval=1s" + extra).workDir(dir)
                .start();
    }

    private String step(Http http, String method, String path) {
        Http.Response r = method.equals("GET") ? http.get(path) : http.post(path);
        out.printf(Locale.ROOT, "   %-4s %-22s -> %s%n", method, path, r.body());
        return r.body();
    }

    /** The agent's own text output (what a person sees on the server's stderr) and the JSON summary. */
    private void report(AppProcess app, Path dir) {
        out.println();
        out.println(" What crosstalk wrote on the server's stderr:");
        String text = app.stderr().lines().filter(l -> l.startsWith("crosstalk") || l.startsWith("  "))
                .map(l -> "   | " + l).collect(Collectors.joining("\n"));
        out.println(text.isEmpty() ? "   (nothing)" : text);
        Path json = dir.resolve("findings.jsonl");
        List<com.fasterxml.jackson.databind.JsonNode> events = new Findings(json).all();
        out.println();
        out.println(" JSON lines for log shippers: " + json + " (" + events.size() + " events; all severities)");
        new Findings(json).latestByFingerprint().values()
                .forEach(e -> out.println("   " + Findings.describe(e) + " x" + e.path("count").asLong()));
        Path html = dir.resolve("crosstalk-report.html");
        if (java.nio.file.Files.exists(html)) {
            out.println();
            out.println(" The report written at shutdown, for people: " + html + " (data: crosstalk-report.json)");
        }
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title + " ==");
    }
}
