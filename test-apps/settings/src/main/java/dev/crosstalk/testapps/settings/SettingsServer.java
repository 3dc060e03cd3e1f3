package dev.crosstalk.testapps.settings;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty front end of the settings pages. Usage: {@code [--port N]}, default an ephemeral port. */
public final class SettingsServer {

    private SettingsServer() {
    }

    public static void main(String[] args) throws Exception {
        // The application start event: it runs before the connector opens, so no page can see it half done.
        Application.onApplicationStart();
        GuruApplication.onApplicationStart();
        LockedApplication.onApplicationStart();
        StructApplication.onApplicationStart();
        FixedStructApplication.onApplicationStart();

        // Room for a handful of users reloading and browsing at once, as on the production box.
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("settings");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(parsePort(args));
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.addFilter(new FilterHolder(new RequestLogFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new ErrorLogFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new PageServlet()), "/page");
        context.addServlet(new ServletHolder(new SessionPageServlet(SessionSettings::load)), "/session-page");
        context.addServlet(new ServletHolder(new SessionPageServlet(FixedSessionSettings::load)),
                "/session-page-fixed");
        context.addServlet(new ServletHolder(new StructPageServlet()), "/struct-page");
        context.addServlet(new ServletHolder(new RegistryServlet()), "/registry");
        context.addServlet(new ServletHolder(new HealthServlet()), "/health");
        server.setHandler(context);

        server.setStopAtShutdown(true);
        server.start();
        System.out.println("LISTENING port=" + connector.getLocalPort());
        System.out.flush();
        server.join();
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
