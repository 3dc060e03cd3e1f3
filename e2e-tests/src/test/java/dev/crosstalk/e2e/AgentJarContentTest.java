package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built agent jar hides everything it brings from the application: every class relocated under
 * dev/crosstalk/, no logging configuration or service registration the application's own libraries
 * would pick up, nothing version-specific, and loadable on Java 11.
 */
class AgentJarContentTest {

    private static final List<String> OWN_PACKAGES = List.of("dev/crosstalk/agent/", "dev/crosstalk/bootstrap/",
            "dev/crosstalk/shaded/");
    private static final List<String> LOGGING_CONFIGS = List.of("logback.xml", "logback-test.xml", "logback.groovy");
    private static final int JAVA_11 = 55;
    private static final int SHOWN = 30;

    private static Path jar;
    private static List<String> names;

    @BeforeAll
    static void openJar() throws IOException {
        jar = E2e.project().agentJar();
        try (JarFile file = new JarFile(jar.toFile())) {
            names = Collections.list(file.entries()).stream().map(JarEntry::getName).collect(Collectors.toList());
        }
        assertTrue(names.size() > 100, "the agent jar " + jar + " holds its dependencies: " + names.size() + " entries");
    }

    @Test
    void everyClassIsTheAgentsOwnOrRelocated() {
        List<String> bad = names.stream().filter(n -> n.endsWith(".class"))
                .filter(n -> OWN_PACKAGES.stream().noneMatch(n::startsWith)).collect(Collectors.toList());
        assertTrue(bad.isEmpty(), problems("classes outside " + OWN_PACKAGES + " (not relocated)", bad));
        assertTrue(names.contains("dev/crosstalk/agent/CrosstalkAgent.class"), problems("the agent class", names));
    }

    @Test
    void noLoggingConfigurationAtTheRoot() {
        List<String> bad = names.stream().filter(LOGGING_CONFIGS::contains).collect(Collectors.toList());
        assertTrue(bad.isEmpty(), problems("logging configuration the application's Logback would read", bad));
    }

    @Test
    void serviceRegistrationsAreRelocated() throws IOException {
        List<String> bad = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String name : names) {
                if (!name.startsWith("META-INF/services/") || name.endsWith("/")) {
                    continue;
                }
                if (!name.startsWith("META-INF/services/dev.crosstalk.")) {
                    bad.add(name + " (service name not relocated)");
                }
                for (String impl : implementations(file, name)) {
                    if (!impl.startsWith("dev.crosstalk.")) {
                        bad.add(name + " lists " + impl);
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), problems("service registrations the application's ServiceLoader would find", bad));
    }

    @Test
    void nothingVersionSpecific() throws IOException {
        List<String> bad = names.stream().filter(n -> n.startsWith("META-INF/versions/")).collect(Collectors.toList());
        assertTrue(bad.isEmpty(), problems("multi-release entries", bad));
        try (JarFile file = new JarFile(jar.toFile())) {
            String multiRelease = file.getManifest().getMainAttributes().getValue("Multi-Release");
            assertNotEquals("true", multiRelease == null ? null : multiRelease.trim().toLowerCase(),
                    "the manifest says Multi-Release: true");
        }
    }

    @Test
    void manifestDeclaresTheAgent() throws IOException {
        Attributes main;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertTrue(manifest != null, "the agent jar " + jar + " has a manifest");
            main = manifest.getMainAttributes();
        }
        Map<String, String> actual = new LinkedHashMap<>();
        for (String key : List.of("Premain-Class", "Agent-Class", "Can-Retransform-Classes", "Main-Class")) {
            String value = main.getValue(key);
            actual.put(key, value == null ? null : value.trim());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Premain-Class", "dev.crosstalk.agent.CrosstalkAgent");
        expected.put("Agent-Class", "dev.crosstalk.agent.CrosstalkAgent");
        expected.put("Can-Retransform-Classes", "true");
        expected.put("Main-Class", "dev.crosstalk.agent.AttachCommand"); // java -jar crosstalk-agent.jar attach <pid>
        assertEquals(expected, actual, "manifest of " + jar + ": " + main.entrySet());
        assertTrue(names.contains(expected.get("Premain-Class").replace('.', '/') + ".class"),
                "the Premain-Class is in the jar");
    }

    @Test
    void classesLoadOnJava11() throws IOException {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String name : names) {
                if (!name.endsWith(".class") || !name.startsWith("dev/crosstalk/")) {
                    continue;
                }
                byte[] head;
                try (InputStream in = file.getInputStream(file.getJarEntry(name))) {
                    head = in.readNBytes(8);
                }
                checked++;
                if (head.length < 8 || (head[0] & 0xff) != 0xCA || (head[1] & 0xff) != 0xFE) {
                    bad.add(name + " (not a class file)");
                    continue;
                }
                int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                if (major > JAVA_11) {
                    bad.add(name + " (major " + major + ")");
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked + " classes");
        assertTrue(bad.isEmpty(), problems("classes newer than Java 11 (class file major " + JAVA_11 + ")", bad));
    }

    /**
     * The shade plugin rewrites every string constant naming a relocated package, which once turned the
     * class filter's "the application's Logback is not application code" into "the agent's copy is not",
     * so the agent watched (and reported) the application's logging library. Checked on the built jar.
     */
    @Test
    void builtClassFilterStillExcludesTheApplicationsLibraries() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName("dev.crosstalk.agent.instrument.ClassFilter", false, loader);
            assertSame(loader, type.getClassLoader(), "ClassFilter comes from the built jar");
            Constructor<?> constructor = type.getConstructor(List.class, List.class);
            Object filter = constructor.newInstance(List.of(), List.of());
            Method isApplication = type.getMethod("isApplication", String.class);
            Map<String, Boolean> expected = new LinkedHashMap<>();
            expected.put("ch/qos/logback/classic/Logger", false);
            expected.put("org/slf4j/LoggerFactory", false);
            expected.put("net/bytebuddy/ByteBuddy", false);
            expected.put("com/fasterxml/jackson/databind/ObjectMapper", false);
            expected.put("org/eclipse/jetty/server/Server", false);
            expected.put("com/acme/Cache", true);
            Map<String, Boolean> actual = new LinkedHashMap<>();
            for (String name : expected.keySet()) {
                actual.put(name, (Boolean) isApplication.invoke(filter, name));
            }
            assertEquals(expected, actual, "ClassFilter(include=[], exclude=[]).isApplication(...) of the built jar");
        }
    }

    private static List<String> implementations(JarFile file, String name) throws IOException {
        String text;
        try (InputStream in = file.getInputStream(file.getJarEntry(name))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String impl = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!impl.isEmpty()) {
                out.add(impl);
            }
        }
        return out;
    }

    private static String problems(String what, List<String> found) {
        String shown = found.stream().limit(SHOWN).collect(Collectors.joining("\n  ", "\n  ", ""));
        return found.size() + " " + what + " in " + jar + ":" + shown
                + (found.size() > SHOWN ? "\n  ... and " + (found.size() - SHOWN) + " more" : "");
    }
}
