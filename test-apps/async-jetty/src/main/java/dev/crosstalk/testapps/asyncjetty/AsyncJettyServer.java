package dev.crosstalk.testapps.asyncjetty;

import dev.crosstalk.testapps.gates.Gates;
import dev.crosstalk.testapps.launch.JettyLauncher;
import jakarta.servlet.http.HttpServlet;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * Embedded Jetty whose requests hand work on. Usage: {@code [--virtual]}: every request on its own
 * virtual thread (JDK 21+); by default a small platform pool. Listens on an ephemeral port.
 */
public final class AsyncJettyServer {

    private AsyncJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean virtual = Arrays.asList(args).contains("--virtual");
        ThreadPool threads = virtual ? new VirtualThreadPool() : JettyLauncher.pool("async-jetty", 8, 2);

        Gates gates = new Gates();
        // A platform pool beside the server's threads, as an application's own executor is.
        ExecutorService greetings = Executors.newSingleThreadExecutor();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new GateServlet(gates)), "/gate/*");
        add(context, "/async/export", new ExportServlet(gates, false), new ExportServlet(gates, true));
        add(context, "/async/statement", new StatementServlet(gates, false), new StatementServlet(gates, true));
        add(context, "/thread/report", new ReportServlet(gates, false), new ReportServlet(gates, true));
        add(context, "/timer/remind", new ReminderServlet(gates, false), new ReminderServlet(gates, true));
        add(context, "/cf/quote", new QuoteServlet(gates, false), new QuoteServlet(gates, true));
        add(context, "/tl/hello", new HelloServlet(false), new HelloServlet(true));
        add(context, "/tl/greeting", new GreetingServlet(greetings, false), new GreetingServlet(greetings, true));
        JettyLauncher.serve(threads, 0, context);
    }

    /** The bug at {@code path}, its fixed twin at {@code /fixed<path>}. */
    private static void add(ServletContextHandler context, String path, HttpServlet bug, HttpServlet fixed) {
        ServletHolder bugHolder = new ServletHolder(bug);
        bugHolder.setAsyncSupported(true);
        context.addServlet(bugHolder, path);
        ServletHolder fixedHolder = new ServletHolder(fixed);
        fixedHolder.setAsyncSupported(true);
        context.addServlet(fixedHolder, "/fixed" + path);
    }
}
