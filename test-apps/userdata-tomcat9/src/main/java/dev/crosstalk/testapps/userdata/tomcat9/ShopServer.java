package dev.crosstalk.testapps.userdata.tomcat9;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A shop on embedded Tomcat 9 whose users have sessions: per-user data written once into shared
 * state (a price cache, a greeting cache, a "last statement"), their fixed twins, and look-alikes
 * that are fine (a clock-refreshed banner, a lazy singleton, a memo, a counter, template names built
 * from an empty prefix).
 * Usage: {@code [--port N]}, default an ephemeral port.
 */
public final class ShopServer {

    private ShopServer() {
    }

    public static void main(String[] args) throws Exception {
        Path baseDir = Files.createTempDirectory("userdata-tomcat9");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(args.length == 2 && "--port".equals(args[0]) ? Integer.parseInt(args[1]) : 0);
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "8");

        Context context = tomcat.addContext("", baseDir.toString());
        add(context, "/session", new SessionServlet());
        add(context, "/price", new PriceServlet(false));
        add(context, "/fixed/price", new PriceServlet(true));
        add(context, "/greeting", new GreetingServlet(false));
        add(context, "/fixed/greeting", new GreetingServlet(true));
        add(context, "/statement", new StatementServlet(false));
        add(context, "/fixed/statement", new StatementServlet(true));
        add(context, "/banner", new BannerServlet());
        add(context, "/currencies", new CurrenciesServlet());
        add(context, "/square", new SquareServlet());
        add(context, "/section/*", new SectionServlet());

        tomcat.start();
        System.out.println("LISTENING port=" + tomcat.getConnector().getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    private static void add(Context context, String path, HttpServlet servlet) {
        String name = path;
        Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(path, name);
    }
}
