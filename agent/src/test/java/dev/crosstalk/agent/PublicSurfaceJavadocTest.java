package dev.crosstalk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public and protected class, field, constructor and method of the agent's main sources has a
 * Javadoc comment: the compiler's doclint ({@code -Xdoclint:missing/protected}) finds none without.
 * Missing {@code @param} and {@code @return} tags are not asked for; a one-line comment that says
 * what the member is for is.
 */
class PublicSurfaceJavadocTest {
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void everyPublicMemberOfTheAgentHasAComment(@TempDir Path out) throws IOException {
        assertTrue(Files.isDirectory(MAIN), MAIN.toAbsolutePath() + " (the module's own sources)");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK, not a JRE");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-Xdoclint:missing/protected", "-Xmaxwarns", "100000", "-proc:none",
                    "-d", out.toString(), "-cp", testClassPath());
            Boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(compiled, () -> "the main sources compile: " + diagnostics.getDiagnostics());
        }
        List<String> uncommented = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getMessage(Locale.ROOT).equals("no comment")) {
                uncommented.add(MAIN.toAbsolutePath().relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber());
            }
        }
        assertEquals(List.of(), uncommented, "public or protected members without a Javadoc comment");
    }

    /** The class path the main sources compile against, as Surefire hands it to the test JVM. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path");
    }
}
