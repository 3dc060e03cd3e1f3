package dev.crosstalk.testapps.reach;

import dev.crosstalk.testapps.launch.JettyLauncher;
import dev.crosstalk.testapps.launch.PortArgument;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * Embedded Jetty front end of the reach pages. Usage: {@code [--port N] [--preload]}, default an
 * ephemeral port; {@code --preload} warms {@code /rates-preloaded} on a start-up thread once the server
 * takes requests, paused at gate {@code preload}.
 */
public final class ReachServer {

    private ReachServer() {
    }

    public static void main(String[] args) throws Exception {
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
        context.addServlet(new ServletHolder(new BlocksServlet(new BlockFile())), "/blocks/*");
        context.addServlet(new ServletHolder(new BlocksServlet(new UnlockedBlockFile())), "/blocks-unlocked/*");
        Server server = JettyLauncher.start(JettyLauncher.pool("reach", 16, 2), PortArgument.parse(args), context);
        if (List.of(args).contains("--preload")) {
            new Thread(() -> preloaded.preload("preload"), "preload").start();
        }
        server.join();
    }
}
