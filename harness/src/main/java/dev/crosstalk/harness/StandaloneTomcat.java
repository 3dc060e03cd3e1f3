package dev.crosstalk.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A standalone Tomcat distribution started with {@code bin/catalina.sh run}, the way a staging server
 * runs it: an unpacked {@code CATALINA_HOME} left untouched, and a {@code CATALINA_BASE} of its own
 * (conf copied from the home, a small server.xml on a free loopback port, the manager webapp for
 * deploying and undeploying, {@code logs/catalina.out} holding everything the JVM prints).
 *
 * <pre>{@code
 * StandaloneTomcat tomcat = StandaloneTomcat.create(home, base);
 * tomcat.deployWar(war, "shop");
 * try (tomcat) {
 *     tomcat.start(jdk, "-javaagent:" + agent, workDir);
 *     tomcat.http().get("/shop/banner");
 * }
 * }</pre>
 */
public final class StandaloneTomcat implements AutoCloseable {
    private static final String MANAGER_USER = "crosstalk-test";
    private static final String MANAGER_PASSWORD = "staging-only";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Path home;
    private final Path base;
    private final int port;
    private Process process;

    private StandaloneTomcat(Path home, Path base, int port) {
        this.home = home;
        this.base = base;
        this.port = port;
    }

    /** A fresh {@code CATALINA_BASE} at {@code base} for the distribution unpacked at {@code home}. */
    public static StandaloneTomcat create(Path home, Path base) {
        if (!Files.isRegularFile(home.resolve("bin/catalina.sh"))) {
            throw new IllegalStateException("No Tomcat distribution at " + home + " (bin/catalina.sh missing)");
        }
        try {
            for (String dir : List.of("conf", "logs", "temp", "webapps", "work")) {
                Files.createDirectories(base.resolve(dir));
            }
            copyTree(home.resolve("conf"), base.resolve("conf"));
            copyTree(home.resolve("webapps/manager"), base.resolve("webapps/manager"));
            int port = freePort();
            Files.writeString(base.resolve("conf/server.xml"), serverXml(port));
            Files.writeString(base.resolve("conf/tomcat-users.xml"), "<tomcat-users>\n  <user username=\"" + MANAGER_USER
                    + "\" password=\"" + MANAGER_PASSWORD + "\" roles=\"manager-script\"/>\n</tomcat-users>\n");
            return new StandaloneTomcat(home, base, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make CATALINA_BASE " + base, e);
        }
    }

    // The server listens on loopback only; no shutdown port: SIGTERM stops it through its shutdown hook.
    private static String serverXml(int port) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Server port=\"-1\" shutdown=\"SHUTDOWN\">\n"
                + "  <Listener className=\"org.apache.catalina.core.JreMemoryLeakPreventionListener\"/>\n"
                + "  <Service name=\"Catalina\">\n"
                + "    <Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\" connectionTimeout=\"20000\"/>\n"
                + "    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n"
                + "      <Realm className=\"org.apache.catalina.realm.MemoryRealm\" pathname=\"conf/tomcat-users.xml\"/>\n"
                + "      <Host name=\"localhost\" appBase=\"webapps\" unpackWARs=\"true\" autoDeploy=\"false\"/>\n"
                + "    </Engine>\n"
                + "  </Service>\n"
                + "</Server>\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Puts {@code war} into {@code webapps/} as {@code name.war}: deployed at {@code /name} when Tomcat starts. */
    public void deployWar(Path war, String name) {
        try {
            Files.copy(war, base.resolve("webapps").resolve(name + ".war"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code bin/setenv.sh} of {@code CATALINA_BASE}, which {@code catalina.sh} sources after
     * setting {@code CATALINA_BASE}: where a staging server puts {@code CATALINA_OPTS}.
     */
    public void setenv(String script) {
        try {
            Files.createDirectories(base.resolve("bin"));
            Files.writeString(base.resolve("bin/setenv.sh"), script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code bin/catalina.sh run} on {@code jdk} with {@code catalinaOpts} in the environment,
     * from {@code workDir} (not {@code CATALINA_BASE}: files the agent writes show whether paths are
     * taken as given), and returns once the manager answers.
     */
    public void start(Jdk jdk, String catalinaOpts, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(catalinaOut().toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", jdk.home().toString());
        env.remove("JRE_HOME");
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_OPTS", catalinaOpts);
        env.remove("JAVA_OPTS");
        env.remove("CATALINA_PID");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + pb.command(), e);
        }
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat exited with " + process.exitValue() + ":\n" + catalinaOutText());
            }
            try {
                if (manager("/list").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        throw new IllegalStateException("Tomcat did not answer within " + START_LIMIT + ":\n" + catalinaOutText());
    }

    /** The JVM's process id ({@code catalina.sh run} execs java, so it is the process started). */
    public long pid() {
        return process.pid();
    }

    public Path base() {
        return base;
    }

    /** Everything the Tomcat JVM printed: what {@code catalina.sh start} writes to {@code logs/catalina.out}. */
    public Path catalinaOut() {
        return base.resolve("logs/catalina.out");
    }

    public String catalinaOutText() {
        try {
            return Files.exists(catalinaOut()) ? Files.readString(catalinaOut(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client for the server's root; webapps are under their context paths. */
    public Http http() {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** A call to the manager's text interface ({@code /list}, {@code /undeploy?path=/shop}), authenticated. */
    public Http.Response manager(String command) {
        String credentials = Base64.getEncoder().encodeToString(
                (MANAGER_USER + ":" + MANAGER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http().get("/manager/text" + command, "Authorization", "Basic " + credentials);
    }

    /** Undeploys the webapp at {@code /name} through the manager; fails unless the manager says OK. */
    public void undeploy(String name) {
        expectOk(manager("/undeploy?path=/" + name), "undeploy /" + name);
    }

    /** Deploys {@code war} at {@code /name} through the manager; fails unless the manager says OK. */
    public void deploy(Path war, String name) {
        expectOk(manager("/deploy?path=/" + name + "&war=" + war.toUri()), "deploy /" + name);
    }

    /**
     * Tomcat's own leak check ({@code findleaks}: a full GC, then the webapps stopped, reloaded or
     * undeployed whose class loader is still reachable): the context paths it lists, one per
     * retained loader.
     */
    public List<String> findLeaks() {
        Http.Response r = manager("/findleaks?statusLine=true");
        expectOk(r, "findleaks");
        List<String> leaks = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("OK")) {
                leaks.add(line.trim());
            }
        }
        return leaks;
    }

    private static void expectOk(Http.Response r, String what) {
        if (r.status() != 200 || !r.body().startsWith("OK")) {
            throw new IllegalStateException("Tomcat manager " + what + " answered " + r.status() + ": " + r.body());
        }
    }

    /** Stops the server with SIGTERM (its shutdown hooks, and the agent's, run); the exit code. */
    public int stop() {
        if (process == null) {
            return -1;
        }
        try {
            process.toHandle().destroy();
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while stopping Tomcat", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
