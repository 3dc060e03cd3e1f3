package dev.crosstalk.testapps.mdc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.servlet.Filter;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 9 with ONE worker thread, so consecutive requests certainly run on the same thread.
 * Usage: {@code [--port N]}, default an ephemeral port.
 */
public final class MdcServer {

    private MdcServer() {
    }

    public static void main(String[] args) throws Exception {
        Path baseDir = Files.createTempDirectory("mdc-tomcat9");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(parsePort(args));
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "1");
        connector.setProperty("minSpareThreads", "1");

        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "hello", new HelloServlet());
        addFilter(context, "/logback/*", new Slf4jUserFilter(false));
        addFilter(context, "/logback-fixed/*", new Slf4jUserFilter(true));
        addFilter(context, "/log4j/*", new Log4jUserFilter(false));
        addFilter(context, "/log4j-fixed/*", new Log4jUserFilter(true));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, baseDir), "mdc-shutdown"));
        tomcat.start();
        System.out.println("LISTENING port=" + tomcat.getConnector().getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    private static void addFilter(Context context, String pattern, Filter filter) {
        String name = pattern;
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern(pattern);
        context.addFilterMap(map);
        context.addServletMappingDecoded(pattern, "hello");
    }

    private static void stop(Tomcat tomcat, Path baseDir) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            e.printStackTrace();
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
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
