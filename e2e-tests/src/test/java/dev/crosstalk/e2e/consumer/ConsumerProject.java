package dev.crosstalk.e2e.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.w3c.dom.Element;

/**
 * A user's Maven project made from the test resources under {@code consumer/}: the shop (a leaky and a
 * clean profile service behind one request entry method), the recipe's tests and POM, and a probe test
 * that records which jars and which Java the test JVM used.
 */
final class ConsumerProject {

    /** The failing test (per-request data in a static) and its fixed twin. */
    static final String LEAKY_TEST = "com.acme.shop.LeakyProfileTest";
    static final String CLEAN_TEST = "com.acme.shop.CleanProfileTest";
    static final String PROBE_TEST = "com.acme.shop.JvmProbeTest";

    private static final Pattern TOKEN = Pattern.compile("@([A-Z_]+)@");

    private final Path dir;

    private ConsumerProject(Path dir) {
        this.dir = dir;
    }

    /** The directory of the consumer resources, as the test class path holds them. */
    static Path resources() {
        URL url = ConsumerProject.class.getResource("/consumer");
        if (url == null) {
            throw new IllegalStateException("no consumer/ on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recipe's POM as a template, with its {@code @TOKENS@}. */
    static String pomTemplate(Recipe recipe) throws IOException {
        return Files.readString(resources().resolve("poms").resolve(recipe.pom + ".xml"), StandardCharsets.UTF_8);
    }

    /** Writes the project of {@code recipe} into {@code dir}, replacing every {@code @TOKEN@} of its POM. */
    static ConsumerProject write(Recipe recipe, Path dir, Map<String, String> tokens) throws IOException {
        Path from = resources();
        for (String part : List.of("shop", "probe", recipe.tests)) {
            copyTree(from.resolve(part), dir);
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
    record Suite(String name, int tests, int failures, int errors, int skipped, List<String> failureMessages,
            String failureText) {
    }

    /** Surefire's XML report of {@code testClass}; fails when there is none. */
    Suite suite(String testClass) {
        Path report = dir.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        if (!Files.isRegularFile(report)) {
            throw new AssertionError("no Surefire report " + report + ": the test class did not run");
        }
        Element suite = Xml.parse(report);
        List<String> messages = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Element testcase : Xml.children(suite, "testcase")) {
            for (Element failure : Xml.children(testcase, "failure")) {
                messages.add(failure.getAttribute("message"));
                text.append(failure.getTextContent()).append('\n');
            }
        }
        return new Suite(testClass, count(suite, "tests"), count(suite, "failures"), count(suite, "errors"),
                count(suite, "skipped"), messages, text.toString());
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
