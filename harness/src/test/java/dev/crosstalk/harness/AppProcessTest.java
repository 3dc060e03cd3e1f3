package dev.crosstalk.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AppProcessTest {

    @TempDir
    Path dir;

    static List<Jdk> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void drivesAnAppAndStopsItGracefully(Jdk jdk) throws Exception {
        AppProcess app = echoApp().jdk(jdk).start();
        try (app) {
            Http http = Http.to(app);
            assertEquals(new Http.Response(200, "ok"), http.get("/"));
            assertEquals(new Http.Response(200, "POST /echo?x=1"), http.post("/echo?x=1"));
            assertEquals(404, http.get("/missing").status());
            assertTrue(app.stdout().contains("LISTENING port=" + app.port()), app.stdout());
            assertTrue(app.command().get(0).startsWith(jdk.home().toString()), app.command().toString());
        }
        assertFalse(app.isAlive());
        assertEquals(143, app.stopGracefully(), "SIGTERM exit code, not SIGKILL's 137");
        assertTrue(app.stdout().contains("bye"), "shutdown hook output drained: " + app.stdout());
        assertTrue(Files.readString(dir.resolve("app.stdout")).contains("bye"));
    }

    @Test
    void failsFastWithStderrWhenTheAppExits() {
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> echoApp().appArgs("fail").start());
        assertTrue(e.getMessage().contains("boom: deliberate start-up failure"), e.getMessage());
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "did not wait for the timeout");
    }

    @Test
    void killsAnAppThatNeverListens() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> echoApp().appArgs("silent").startTimeout(Duration.ofSeconds(2)).start());
        assertTrue(e.getMessage().contains("no 'LISTENING port=<n>' line"), e.getMessage());
        assertEquals(0, ProcessHandle.current().children()
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(EchoApp.class.getName()))
                .count(), "the silent app was left running");
    }

    @Test
    void attachesTheAgentOnlyWhenAsked() {
        Path agent = dir.resolve("agent.jar");
        String javaagent = "-javaagent:" + agent.toAbsolutePath();
        assertTrue(echoApp().agentJar(agent).agentOptions("json=/tmp/f.jsonl").command()
                .contains(javaagent + "=json=/tmp/f.jsonl"));
        assertTrue(echoApp().agentJar(agent).agentOptions("").command().contains(javaagent));
        assertTrue(echoApp().agentJar(agent).command().stream().noneMatch(a -> a.startsWith("-javaagent")));
    }

    @Test
    void namesTheMissingJar() {
        Path jar = dir.resolve("nope.jar");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AppProcess.builder().jar(jar).workDir(dir).start());
        assertTrue(e.getMessage().contains(jar.toString()) && e.getMessage().contains("mvn -q package"),
                e.getMessage());
    }

    private AppProcess.Builder echoApp() {
        return AppProcess.builder().mainClass(testClasses(), EchoApp.class.getName()).workDir(dir);
    }

    static String testClasses() {
        try {
            return Path.of(EchoApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
