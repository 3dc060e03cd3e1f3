package dev.crosstalk.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;

/**
 * Puts the hook classes ({@code dev.crosstalk.bootstrap}) into the bootstrap class loader, so that
 * instrumented classes of every class loader resolve the same hooks; the rest of the agent stays out
 * of it.
 *
 * <p>They are defined there directly, super types first, through the JDK's internal {@code Unsafe}
 * (opened to the agent alone with {@link Instrumentation#redefineModule}). Appending a jar to the
 * bootstrap search path would do the same, but it makes the JVM drop class data sharing for every
 * class outside the boot loader and print "Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended" into the application's output at each start. Where the
 * direct definition is refused, the agent falls back to that append.
 */
final class BootstrapJar {
    static final String PACKAGE = "dev/crosstalk/bootstrap/";
    private static final String PROBE = PACKAGE.replace('/', '.') + "Hooks";

    private BootstrapJar() {
    }

    static void append(Instrumentation inst) throws IOException, java.net.URISyntaxException {
        if (alreadyThere()) {
            return; // a second attach to the same JVM: the boot loader keeps the first definitions
        }
        File agentJar = new File(CrosstalkAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = read(agentJar);
        try {
            defineInBootLoader(inst, classes);
        } catch (Throwable t) {
            if (alreadyThere()) {
                throw new IllegalStateException("the hook classes are only partly defined in the boot loader", t);
            }
            appendJar(inst, classes);
        }
    }

    private static boolean alreadyThere() {
        try {
            Class.forName(PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The hook classes in the agent jar: internal name to class file. */
    private static Map<String, byte[]> read(File agentJar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile in = new JarFile(agentJar)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().startsWith(PACKAGE) && e.getName().endsWith(".class")) {
                    try (InputStream is = in.getInputStream(e)) {
                        classes.put(e.getName().substring(0, e.getName().length() - ".class".length()), is.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    private static void defineInBootLoader(Instrumentation inst, Map<String, byte[]> classes) throws Exception {
        Module base = Object.class.getModule();
        inst.redefineModule(base, Set.of(), Map.of(),
                Map.of("jdk.internal.misc", Set.of(BootstrapJar.class.getModule())), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        Set<String> defined = new java.util.HashSet<>();
        for (String name : classes.keySet()) {
            define(name, classes, defined, define, unsafe);
        }
    }

    /** Defines {@code name} after those of its super types that are hook classes too. */
    private static void define(String name, Map<String, byte[]> classes, Set<String> defined, Method define,
            Object unsafe) throws Exception {
        if (!defined.add(name)) {
            return;
        }
        byte[] bytes = classes.get(name);
        ClassReader reader = new ClassReader(bytes);
        if (classes.containsKey(reader.getSuperName())) {
            define(reader.getSuperName(), classes, defined, define, unsafe);
        }
        for (String type : reader.getInterfaces()) {
            if (classes.containsKey(type)) {
                define(type, classes, defined, define, unsafe);
            }
        }
        define.invoke(unsafe, name.replace('/', '.'), bytes, 0, bytes.length, null, null);
    }

    private static void appendJar(Instrumentation inst, Map<String, byte[]> classes) throws IOException {
        Path temp = Files.createTempFile("crosstalk-bootstrap-", ".jar");
        temp.toFile().deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(temp.toFile()))) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey() + ".class"));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(temp.toFile()));
    }
}
