package dev.crosstalk.testapps.remixer;

import dev.crosstalk.testapps.launch.JettyLauncher;
import dev.crosstalk.testapps.launch.PortArgument;
import dev.crosstalk.testapps.launch.RequestLogFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** Embedded Jetty front end of the remix studio. Usage: {@code [--port N]}, default an ephemeral port. */
public final class RemixerServer {

    private RemixerServer() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig.load();

        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new RequestLogFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new RemixServlet(PatternRemixer::new)), "/remix");
        context.addServlet(new ServletHolder(new ResetServlet(PatternRemixer::resetCache)), "/reset");
        context.addServlet(new ServletHolder(new RemixServlet(FixedPatternRemixer::new)), "/fixed/remix");
        context.addServlet(new ServletHolder(new ResetServlet(FixedPatternRemixer::resetCache)), "/fixed/reset");
        context.addServlet(new ServletHolder(new TempoServlet()), "/tempo");
        context.addServlet(new ServletHolder(new SetlistServlet()), "/setlist");
        // Twins told apart only by @GuardedBy / @ThreadSafe, and a kit list reloaded in place.
        context.addServlet(new ServletHolder(new RemixServlet(() -> new LockedRemixer(true))), "/guarded/remix");
        context.addServlet(new ServletHolder(new ResetServlet(LockedRemixer::resetMarked)), "/guarded/reset");
        context.addServlet(new ServletHolder(new RemixServlet(() -> new LockedRemixer(false))), "/locked/remix");
        context.addServlet(new ServletHolder(new ResetServlet(LockedRemixer::resetUnmarked)), "/locked/reset");
        context.addServlet(new ServletHolder(new RemixServlet(() -> new StoreRemixer(true))), "/safe-store/remix");
        context.addServlet(new ServletHolder(new ResetServlet(StoreRemixer::resetMarked)), "/safe-store/reset");
        context.addServlet(new ServletHolder(new RemixServlet(() -> new StoreRemixer(false))), "/plain-store/remix");
        context.addServlet(new ServletHolder(new ResetServlet(StoreRemixer::resetPlain)), "/plain-store/reset");
        context.addServlet(new ServletHolder(new ResetServlet(KitLibrary::reload)), "/kits/reload");
        JettyLauncher.serve(JettyLauncher.pool("remixer", 8, 2), PortArgument.parse(args), context);
    }
}
