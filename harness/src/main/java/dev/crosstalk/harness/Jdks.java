package dev.crosstalk.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDKs the tests run on: the comma-separated homes in the system property {@code crosstalk.jdks},
 * by default {@value #DEFAULT}.
 *
 * <p>A listed JDK that is not installed is an error rather than skipped: a silently skipped JDK would
 * turn "passes on 17 and 25" into "passes on 17" without anyone noticing.
 */
public final class Jdks {

    /** The homes used when {@code crosstalk.jdks} is not set. */
    public static final String DEFAULT = "/usr/lib/jvm/java-17-openjdk-amd64,/usr/lib/jvm/temurin-25-jdk-amd64";

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");

    private Jdks() {
    }

    /** Every JDK listed in {@code crosstalk.jdks} (or the default), in the listed order. */
    public static List<Jdk> all() {
        return parse(System.getProperty("crosstalk.jdks", DEFAULT));
    }

    /** The JDKs in a comma-separated list of homes; blank entries are ignored. */
    public static List<Jdk> parse(String homes) {
        List<Jdk> jdks = new ArrayList<>();
        for (String home : homes.split(",")) {
            if (!home.isBlank()) {
                jdks.add(of(Path.of(home.trim())));
            }
        }
        if (jdks.isEmpty()) {
            throw new IllegalStateException("crosstalk.jdks lists no JDK homes: '" + homes + "'");
        }
        return List.copyOf(jdks);
    }

    /** The JDK installed at {@code home}; fails when it has no {@code bin/java}. */
    public static Jdk of(Path home) {
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("JDK " + home + " is listed but " + java + " is missing or not executable;"
                    + " install it or set -Dcrosstalk.jdks=<home>,<home> to the JDKs of this machine");
        }
        return new Jdk(nameOf(home), home);
    }

    /** The JDK running this code. */
    public static Jdk current() {
        return new Jdk("jdk" + Runtime.version().feature(), Path.of(System.getProperty("java.home")));
    }

    /** The feature release of a version string: 17 for "17.0.15", 8 for "1.8.0_402", 25 for "25-ea". */
    static int majorOf(String version) {
        Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version);
        if (!m.find()) {
            throw new IllegalArgumentException("Not a Java version: " + version);
        }
        int first = Integer.parseInt(m.group(1));
        return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
    }

    // The release file answers without starting a JVM; `java -version` covers layouts without one.
    private static String nameOf(Path home) {
        String version = releaseVersion(home);
        if (version == null) {
            version = launcherVersion(home);
        }
        if (version == null) {
            return home.getFileName().toString();
        }
        return "jdk" + majorOf(version);
    }

    private static String releaseVersion(Path home) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String launcherVersion(Path home) {
        try {
            Process p = new ProcessBuilder(home.resolve("bin/java").toString(), "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            Matcher m = VERSION_OUTPUT.matcher(out);
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
