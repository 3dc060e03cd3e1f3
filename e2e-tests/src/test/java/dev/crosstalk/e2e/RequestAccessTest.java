package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Jdk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent reads every request (its label, and a servlet request's session) through a class it
 * defines beside the server's request API, which the JIT inlines, rather than through method handles:
 * on Tomcat 9 ({@code javax}), on Spring Boot's embedded Tomcat ({@code jakarta}, in the fat jar's
 * loader) and on Spring WebFlux (Reactor Netty's {@code HttpServerRequest}, in the fat jar's loader).
 * Were the definition refused, the agent would fall back to method handles and every other test
 * would still pass; this one would not.
 */
class RequestAccessTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void tomcat9RequestsAreReadThroughTheJavaxAccessor(Jdk jdk, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        try (AppProcess app = E2e.start(jdk, "userinfo-tomcat9", dir, "")) {
            assertEquals("welcome alice", post200(app, "/login?user=alice"), why("POST /login", app));
            assertLoaded(jdk, app, "javax.servlet.http.HttpServletRequest$$CrosstalkAccess");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void springBootRequestsAreReadThroughTheJakartaAccessor(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        try (AppProcess app = E2e.start(jdk, "springboot", dir, "")) {
            assertTrue(get200(app, "/fixed/whoami?user=alice").startsWith("user=alice"), why("GET /fixed/whoami", app));
            assertLoaded(jdk, app, "jakarta.servlet.http.HttpServletRequest$$CrosstalkAccess");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void webFluxExchangesAreLabelledThroughTheReactorAccessor(Jdk jdk,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        try (AppProcess app = AppProcess.builder().jdk(jdk).jar(E2e.project().appJar("webflux"))
                .agentJar(E2e.project().agentJar()).agentOptions("").workDir(dir).startTimeout(java.time.Duration.ofSeconds(120))
                .start()) {
            assertEquals("hello alice", get200(app, "/fixed/greet?user=alice"), why("GET /fixed/greet", app));
            assertLoaded(jdk, app, "reactor.netty.http.server.HttpServerRequest$$CrosstalkAccess");
        }
    }

    /** {@code name} has an instance in the app's heap (the agent keeps one per request class). */
    private static void assertLoaded(Jdk jdk, AppProcess app, String name) throws Exception {
        Process p = new ProcessBuilder(jdk.home().resolve("bin/jcmd").toString(), String.valueOf(app.pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        String histogram = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcmd did not finish");
        assertTrue(Pattern.compile("\\s" + Pattern.quote(name) + "(\\s|$)", Pattern.MULTILINE).matcher(histogram).find(),
                name + " not in the heap:\n" + E2e.tail(histogram, 4096)
                + "\n--- app ---\n" + why("", app).get());
    }
}
