package dev.crosstalk.testapps.settings;

import dev.crosstalk.testapps.launch.JettyLauncher;
import dev.crosstalk.testapps.launch.PortArgument;
import dev.crosstalk.testapps.launch.RequestLogFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

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
        // Room for a handful of users reloading and browsing at once, as on the production box.
        JettyLauncher.serve(JettyLauncher.pool("settings", 16, 2), PortArgument.parse(args), context);
    }
}
