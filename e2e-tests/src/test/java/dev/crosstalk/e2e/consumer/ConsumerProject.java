package dev.crosstalk.e2e.consumer;

import dev.crosstalk.harness.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3c.dom.Element;

/**
 * A user's Maven project made from {@code e2e-tests/consumer}: the shop (a leaky and a
 * clean profile service behind one request entry method), a test of each, the recipe's POM, and a probe
 * test that records which jars and which Java the test JVM used.
 */
final class ConsumerProject {

    /** The test class: {@link #LEAKY_TEST} (per-request data in a static) and its fixed twin {@link #CLEAN_TEST}. */
    static final String TEST_CLASS = "com.acme.shop.ProfileTest";
    static final String LEAKY_TEST = "leakyProfileShowsTheUserWhoAsks";
    static final String CLEAN_TEST = "cleanProfileShowsTheUserWhoAsks";
    static final String PROBE_CLASS = "com.acme.shop.JvmProbeTest";

    /** The files auto-detection adds: {@code src/test/resources/junit-platform.properties}. */
    static final String AUTODETECT_DIR = "autodetect";

    private static final String TEST_FILE = "src/test/java/com/acme/shop/ProfileTest.java";
    /** What auto-detection replaces in the test class. */
    private static final List<String> ANNOTATION_LINES = List.of("import dev.crosstalk.junit.CrosstalkGate;",
            "@CrosstalkGate");

    private static final Pattern TOKEN = Pattern.compile("@([A-Z_]+)@");

    private final Path dir;

    private ConsumerProject(Path dir) {
        this.dir = dir;
    }

    /**
     * The directory of the consumer sources, {@code e2e-tests/consumer}, read in the source tree: a copy in
     * {@code target/} would keep files deleted since.
     */
    static Path resources() {
        return Project.locate().root().resolve("e2e-tests").resolve("consumer");
    }

    /** The recipe's POM as a template, with its {@code @TOKENS@}. */
    static String pomTemplate(Recipe recipe) throws IOException {
        return Files.readString(resources().resolve("poms").resolve(recipe.pom + ".xml"), StandardCharsets.UTF_8);
    }

    /** Writes the project of {@code recipe} into {@code dir}, replacing every {@code @TOKEN@} of its POM. */
    static ConsumerProject write(Recipe recipe, Path dir, Map<String, String> tokens) throws IOException {
        Path from = resources();
        for (String part : recipe.annotated ? List.of("shop", "probe", "tests")
                : List.of("shop", "probe", "tests", AUTODETECT_DIR)) {
            copyTree(from.resolve(part), dir);
        }
        if (!recipe.annotated) {
            removeAnnotation(dir.resolve(TEST_FILE));
        }
        Matcher m = TOKEN.matcher(pomTemplate(recipe));
        StringBuilder pom = new StringBuilder();
        while (m.find()) {
            String value = tokens.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for " + m.group() + " in poms/" + recipe.pom + ".xml");
            }
            m.appendReplacement(pom, Matcher.quoteReplacement(value));
        }
        Files.writeString(dir.resolve("pom.xml"), m.appendTail(pom), StandardCharsets.UTF_8);
        return new ConsumerProject(dir);
    }

    Path dir() {
        return dir;
    }

    /** What Surefire's XML report says of one test class. */
    record Suite(String name, int tests, int failures, int errors, int skipped, List<TestCase> testCases) {

        /** The test method {@code name}; fails when it did not run. */
        TestCase testCase(String name) {
            return testCases.stream().filter(t -> t.name.equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " did not run: " + this));
        }
    }

    /** One test method: its failure's message and text, or null when it passed. */
    record TestCase(String name, String failureMessage, String failureText) {
    }

    /** Surefire's XML report of {@code testClass}; fails with {@code context} when there is none. */
    Suite suite(String testClass, Supplier<String> context) {
        Path report = dir.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        if (!Files.isRegularFile(report)) {
            throw new AssertionError("no Surefire report " + report + ": the test class did not run" + context.get());
        }
        Element suite = Xml.parse(report);
        List<TestCase> testCases = new ArrayList<>();
        for (Element testcase : Xml.children(suite, "testcase")) {
            Element failure = Xml.child(testcase, "failure");
            testCases.add(new TestCase(testcase.getAttribute("name"),
                    failure == null ? null : failure.getAttribute("message"),
                    failure == null ? null : failure.getTextContent()));
        }
        return new Suite(testClass, count(suite, "tests"), count(suite, "failures"), count(suite, "errors"),
                count(suite, "skipped"), testCases);
    }

    /** What the probe test recorded: {@code agent} (every -javaagent value), {@code junit}, {@code java.home}. */
    Map<String, List<String>> jvmRecord() throws IOException {
        Path file = dir.resolve("target/consumer-jvm.txt");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            out.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return out;
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private static void removeAnnotation(Path test) throws IOException {
        List<String> lines = Files.readAllLines(test, StandardCharsets.UTF_8);
        if (!lines.containsAll(ANNOTATION_LINES)) {
            throw new IllegalStateException(test + " has none of " + ANNOTATION_LINES + " to remove");
        }
        lines.removeAll(ANNOTATION_LINES);
        Files.write(test, lines, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
