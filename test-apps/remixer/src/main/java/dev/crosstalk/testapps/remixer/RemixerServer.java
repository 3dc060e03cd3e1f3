package dev.crosstalk.testapps.remixer;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty front end of the remix studio. Usage: {@code [--port N]}, default an ephemeral port. */
public final class RemixerServer {

    private RemixerServer() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig.load();

        // A small pool so consecutive requests land on the same threads, as they do in production.
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("remixer");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(parsePort(args));
        server.addConnector(connector);

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
