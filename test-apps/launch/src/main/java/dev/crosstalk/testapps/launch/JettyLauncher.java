package dev.crosstalk.testapps.launch;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Embedded Jetty 12 as the test apps start it: one connector on 127.0.0.1 with one acceptor and one
 * selector, stopped at JVM exit. The app builds its own context (servlets, filters, sessions) and
 * thread pool; static methods, so the launcher holds no state the agent would watch.
 */
public final class JettyLauncher {

    private JettyLauncher() {
    }

    /**
     * A pool of at most {@code maxThreads}, {@code minThreads} kept, whose threads are named
     * {@code name-N}: the tests and the bench pick out request threads by that name, and a small pool
     * makes consecutive requests land on the same threads, as they do in production.
     */
    public static QueuedThreadPool pool(String name, int maxThreads, int minThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, minThreads);
        pool.setName(name);
        return pool;
    }

    /** Starts a server on {@code threads} serving {@code handler}, and prints {@code LISTENING port=N} once it serves. */
    public static Server start(ThreadPool threads, int port, Handler handler) throws Exception {
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopAtShutdown(true);
        server.start();
        Listening.announce(connector.getLocalPort());
        return server;
    }

    /** {@link #start} and run until the JVM is stopped. */
    public static void serve(ThreadPool threads, int port, Handler handler) throws Exception {
        start(threads, port, handler).join();
    }
}
