package dev.crosstalk.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.lang.instrument.Instrumentation;

/**
 * Puts the hook classes ({@code dev.crosstalk.bootstrap}) on the bootstrap class path, so that
 * instrumented classes of every class loader resolve the same hooks. They are copied from the agent
 * jar into a temporary jar that holds nothing else: the rest of the agent stays out of the
 * bootstrap loader.
 */
final class BootstrapJar {
    static final String PACKAGE = "dev/crosstalk/bootstrap/";

    private BootstrapJar() {
    }

    static void append(Instrumentation inst) throws IOException, java.net.URISyntaxException {
        File agentJar = new File(CrosstalkAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path temp = Files.createTempFile("crosstalk-bootstrap-", ".jar");
        temp.toFile().deleteOnExit();
        try (JarFile in = new JarFile(agentJar); JarOutputStream out = new JarOutputStream(new FileOutputStream(temp.toFile()))) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().startsWith(PACKAGE) && e.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream is = in.getInputStream(e)) {
                        is.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(temp.toFile()));
    }
}
