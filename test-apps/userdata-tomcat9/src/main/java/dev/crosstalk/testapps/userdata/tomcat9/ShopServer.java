package dev.crosstalk.testapps.userdata.tomcat9;

import dev.crosstalk.testapps.launch.PortArgument;
import dev.crosstalk.testapps.launch.Tomcat9Launcher;
import javax.servlet.http.HttpServlet;
import org.apache.catalina.Context;
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
        // All 8 threads kept, as Tomcat's default of 10 spare threads (capped at the maximum) did.
        Tomcat tomcat = Tomcat9Launcher.tomcat("userdata-tomcat9", PortArgument.parse(args), 8, 8);
        Context context = Tomcat9Launcher.rootContext(tomcat);
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
        Tomcat9Launcher.serve(tomcat, "userdata");
    }

    private static void add(Context context, String path, HttpServlet servlet) {
        Tomcat9Launcher.addServlet(context, path, servlet, path);
    }
}
