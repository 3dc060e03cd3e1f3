package dev.crosstalk.testapps.userdata.jdkhttp;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A portal on the JDK's HTTP server, with Basic authentication and no sessions: per-user data
 * written once into shared state (a widget cache keyed without the user, a page header kept in a
 * singleton; a profile card in a static "last result", a page model map in a handler's field, a list
 * of the user's items in a cache keyed without the user) and their fixed twins, and look-alikes that
 * must stay quiet. Usage: {@code [--port N]}, default an ephemeral port.
 */
public final class PortalServer {

    private PortalServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length == 2 && "--port".equals(args[0]) ? Integer.parseInt(args[1]) : 0;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        add(server, "/widget", new WidgetHandler(false));
        add(server, "/fixed/widget", new WidgetHandler(true));
        add(server, "/page", new PageHandler(false));
        add(server, "/fixed/page", new PageHandler(true));
        add(server, "/card", new CardHandler(false));
        add(server, "/fixed/card", new CardHandler(true));
        add(server, "/dashboard", new DashboardHandler(false));
        add(server, "/fixed/dashboard", new DashboardHandler(true));
        add(server, "/recent", new RecentHandler(false));
        add(server, "/fixed/recent", new RecentHandler(true));
        add(server, "/catalog", new CatalogHandler());
        server.start();
        System.out.println("LISTENING port=" + server.getAddress().getPort());
        System.out.flush();
    }

    private static void add(HttpServer server, String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, handler);
        context.setAuthenticator(new BasicAuthenticator("portal") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return password.equals(user + "-secret");
            }
        });
    }
}
