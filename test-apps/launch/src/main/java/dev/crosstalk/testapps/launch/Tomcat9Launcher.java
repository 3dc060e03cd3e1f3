package dev.crosstalk.testapps.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 9 (javax.servlet) as the test apps start it: on 127.0.0.1, a temporary base
 * directory removed at exit, one root context. Static methods on the app's own {@link Tomcat} and
 * {@link Context}, so the launcher holds no state the agent would watch.
 */
public final class Tomcat9Launcher {

    private Tomcat9Launcher() {
    }

    /**
     * A Tomcat not yet started, its connector's pool at most {@code maxThreads} with
     * {@code minSpareThreads} kept (Tomcat caps the spare threads at the maximum).
     *
     * @param name the prefix of the temporary base directory's name
     */
    public static Tomcat tomcat(String name, int port, int maxThreads, int minSpareThreads) throws IOException {
        Path baseDir = Files.createTempDirectory(name);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(port);
        // getConnector() is what creates the default HTTP connector in Tomcat 9.
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        // A small pool so consecutive requests land on the same threads, as they do in production.
        connector.setProperty("maxThreads", Integer.toString(maxThreads));
        connector.setProperty("minSpareThreads", Integer.toString(minSpareThreads));
        return tomcat;
    }

    /** The context at path "", its documents in the base directory. */
    public static Context rootContext(Tomcat tomcat) {
        return tomcat.addContext("", baseDir(tomcat).toString());
    }

    /** {@code servlet} as {@code name}, mapped to each of {@code paths}. */
    public static void addServlet(Context context, String name, HttpServlet servlet, String... paths) {
        Tomcat.addServlet(context, name, servlet);
        for (String path : paths) {
            context.addServletMappingDecoded(path, name);
        }
    }

    /**
     * {@code filter} as {@code name} on {@code pattern}, after the filters added before it; on the
     * {@code dispatchers} given, or on requests only (Tomcat's default) without any.
     */
    public static void addFilter(Context context, String name, Filter filter, String pattern,
            DispatcherType... dispatchers) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern(pattern);
        for (DispatcherType dispatcher : dispatchers) {
            map.setDispatcher(dispatcher.name());
        }
        context.addFilterMap(map);
    }

    /**
     * Starts {@code tomcat}, prints {@code LISTENING port=N} once it serves, and runs until the JVM is
     * stopped; then stops Tomcat, runs {@code onStop} and removes the base directory.
     *
     * @param name what the shutdown thread's name, {@code name-shutdown}, begins with
     */
    public static void serve(Tomcat tomcat, String name, Runnable onStop) throws LifecycleException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, onStop), name + "-shutdown"));
        tomcat.start();
        Listening.announce(tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    /** {@link #serve(Tomcat, String, Runnable)} with nothing of the app's own to stop. */
    public static void serve(Tomcat tomcat, String name) throws LifecycleException {
        serve(tomcat, name, () -> { });
    }

    private static void stop(Tomcat tomcat, Runnable onStop) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            e.printStackTrace();
        }
        onStop.run();
        try (Stream<Path> files = Files.walk(baseDir(tomcat))) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    private static Path baseDir(Tomcat tomcat) {
        return tomcat.getServer().getCatalinaBase().toPath();
    }
}
