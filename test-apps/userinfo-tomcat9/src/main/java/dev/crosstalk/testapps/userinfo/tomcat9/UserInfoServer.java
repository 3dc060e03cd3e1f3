package dev.crosstalk.testapps.userinfo.tomcat9;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** User info service on embedded Tomcat 9. Usage: {@code [--port N]}, default an ephemeral port. */
public final class UserInfoServer {

    private UserInfoServer() {
    }

    public static void main(String[] args) throws Exception {
        Path baseDir = Files.createTempDirectory("userinfo-tomcat9");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(parsePort(args));

        // getConnector() is what creates the default HTTP connector in Tomcat 9.
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        // A small pool so consecutive requests land on the same threads, as they do in production.
        connector.setProperty("maxThreads", "8");
        connector.setProperty("minSpareThreads", "2");

        Context context = tomcat.addContext("", baseDir.toString());
        addFilter(context);
        addServlet(context, "/login", new LoginServlet());
        addServlet(context, "/profile", new ProfileServlet());
        addServlet(context, "/render-profile", new RenderProfileServlet());
        addServlet(context, "/profile-async", new ProfileAsyncServlet());
        addServlet(context, "/fixed/login", new FixedLoginServlet());
        addServlet(context, "/fixed/profile", new FixedProfileServlet());
        addServlet(context, "/stats", new StatsServlet());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, baseDir), "userinfo-shutdown"));
        tomcat.start();
        System.out.println("LISTENING port=" + tomcat.getConnector().getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    private static void addServlet(Context context, String path, HttpServlet servlet) {
        String name = servlet.getClass().getSimpleName();
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(path, name);
    }

    private static void addFilter(Context context) {
        FilterDef def = new FilterDef();
        def.setFilterName("noStore");
        def.setFilter(new NoStoreFilter());
        context.addFilterDef(def);

        // Also on forwards, so a forwarded page is wrapped the same way as a direct one.
        FilterMap map = new FilterMap();
        map.setFilterName("noStore");
        map.addURLPattern("/*");
        map.setDispatcher(DispatcherType.REQUEST.name());
        map.setDispatcher(DispatcherType.FORWARD.name());
        context.addFilterMap(map);
    }

    private static void stop(Tomcat tomcat, Path baseDir) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            e.printStackTrace();
        }
        ProfileAsyncServlet.WORKERS.shutdown();
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
