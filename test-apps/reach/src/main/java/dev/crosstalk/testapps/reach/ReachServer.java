package dev.crosstalk.testapps.reach;

import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty front end of the reach pages. Usage: {@code [--port N] [--preload]}, default an
 * ephemeral port; {@code --preload} warms {@code /rates-preloaded} on a start-up thread once the server
 * takes requests, paused at gate {@code preload}.
 */
public final class ReachServer {

    private ReachServer() {
    }

    public static void main(String[] args) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("reach");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(parsePort(args));
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.addServlet(new ServletHolder(new ScopeServlet(UserScope::new)), "/scope/*");
        context.addServlet(new ServletHolder(new ScopeServlet(FixedUserScope::new)), "/scope-fixed/*");
        context.addServlet(new ServletHolder(new QuotesServlet(new QuoteBoard())), "/quotes/*");
        context.addServlet(new ServletHolder(new QuotesServlet(new FixedQuoteBoard())), "/quotes-fixed/*");
        context.addServlet(new ServletHolder(new RatesServlet(new Rates())), "/rates");
        context.addServlet(new ServletHolder(new RatesServlet(new FixedRates())), "/rates-fixed");
        context.addServlet(new ServletHolder(new RatesServlet(new VersionedRates())), "/rates-versioned");
        context.addServlet(new ServletHolder(new RatesServlet(new FixedVersionedRates())), "/rates-versioned-fixed");
        context.addServlet(new ServletHolder(new RatesServlet(new ReloadingRates())), "/rates-reloaded");
        context.addServlet(new ServletHolder(new RatesServlet(new FixedReloadingRates())), "/rates-reloaded-fixed");
        context.addServlet(new ServletHolder(new RatesServlet(new AtomicVersionedRates())), "/rates-atomic");
        context.addServlet(new ServletHolder(new RatesServlet(new FixedAtomicVersionedRates())), "/rates-atomic-fixed");
        context.addServlet(new ServletHolder(new RatesServlet(new RateService())), "/rate-service");
        context.addServlet(new ServletHolder(new RatesServlet(new LockedRateService())), "/rate-service-locked");
        context.addServlet(new ServletHolder(new RatesServlet(new SentinelRateService())), "/rate-service-sentinel");
        context.addServlet(new ServletHolder(new RatesServlet(new FixedRateService())), "/rate-service-fixed");
        context.addServlet(new ServletHolder(new RatesServlet(new BuiltRateService())), "/rate-service-built");
        PreloadedRates preloaded = new PreloadedRates();
        context.addServlet(new ServletHolder(new RatesServlet(preloaded)), "/rates-preloaded");
        context.addServlet(new ServletHolder(new CatalogServlet(Catalog::new, "catalog")), "/catalog/*");
        context.addServlet(new ServletHolder(new CatalogServlet(FixedCatalog::new, "catalog-fixed")),
                "/catalog-fixed/*");
        server.setHandler(context);

        server.setStopAtShutdown(true);
        server.start();
        System.out.println("LISTENING port=" + connector.getLocalPort());
        System.out.flush();
        if (List.of(args).contains("--preload")) {
            new Thread(() -> preloaded.preload("preload"), "preload").start();
        }
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
