package dev.crosstalk.testapps.mutation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The mutation shapes, their twins and the look-alikes on embedded Tomcat 9. Usage: {@code [--port N]}, default an ephemeral port. */
public final class MutationServer {

    private MutationServer() {
    }

    /** Starts the server, prints {@code LISTENING port=N} once it serves, and runs until stopped. */
    public static void main(String[] args) throws Exception {
        Path baseDir = Files.createTempDirectory("mutation-tomcat9");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(parsePort(args));

        // getConnector() is what creates the default HTTP connector in Tomcat 9.
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "16");
        connector.setProperty("minSpareThreads", "2");

        Context context = tomcat.addContext("", baseDir.toString());
        LookAlikes.startUp();
        Endpoints endpoints = new Endpoints();
        Tomcat.addServlet(context, "endpoints", endpoints);
        for (String path : new String[] {"/report", "/registry/*", "/render/*", "/lru/*", "/index/*", "/cart/*", "/stamp/*",
                "/fixed/*", "/quiet/*"}) {
            context.addServletMappingDecoded(path, "endpoints");
        }
        addServlet(context, "catalog", "/catalog/*", CatalogServlet.buggy());
        addServlet(context, "fixed-catalog", "/fixed-catalog/*", CatalogServlet.fixed());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, baseDir), "mutation-shutdown"));
        tomcat.start();
        System.out.println("LISTENING port=" + tomcat.getConnector().getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    private static void addServlet(Context context, String name, String path, HttpServlet servlet) {
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(path, name);
    }

    private static void stop(Tomcat tomcat, Path baseDir) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            e.printStackTrace();
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    private static int parsePort(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if ("--port".equals(args[i])) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return 0;
    }
}
