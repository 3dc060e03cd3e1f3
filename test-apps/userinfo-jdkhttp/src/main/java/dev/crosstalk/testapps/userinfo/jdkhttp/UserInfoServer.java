package dev.crosstalk.testapps.userinfo.jdkhttp;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** User info service on the JDK's built-in HTTP server. Usage: {@code [--port N]}, default ephemeral. */
public final class UserInfoServer {

    // Profile rendering is offloaded here so slow lookups do not hold the HTTP threads.
    static final ExecutorService WORKERS = Executors.newFixedThreadPool(2);

    private UserInfoServer() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", parsePort(args)), 0);
        // A small pool so consecutive requests land on the same threads, as they do in production.
        ExecutorService requestThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(requestThreads);

        server.createContext("/login", new LoginHandler());
        server.createContext("/profile", exchange -> {
            if (Http.allow(exchange, "GET")) {
                Http.send(exchange, 200, "profile of " + CurrentUser.name);
            }
        });
        server.createContext("/profile-async", exchange -> {
            if (Http.allow(exchange, "GET")) {
                String body = CompletableFuture.supplyAsync(() -> "profile of " + CurrentUser.name, WORKERS).join();
                Http.send(exchange, 200, body);
            }
        });
        server.createContext("/fixed/login", new FixedLoginHandler());
        server.createContext("/fixed/profile", exchange -> {
            if (!Http.allow(exchange, "GET")) {
                return;
            }
            String user = Tokens.userFor(Http.param(exchange, "token"));
            if (user == null) {
                Http.send(exchange, 401, "unknown token");
            } else {
                Http.send(exchange, 200, "profile of " + user);
            }
        });
        server.createContext("/subscribe", exchange -> {
            if (Http.allow(exchange, "POST")) {
                String email = Http.param(exchange, "email");
                String list = Http.param(exchange, "list");
                if (email == null || list == null) {
                    Http.send(exchange, 400, "email and list needed");
                } else {
                    Http.send(exchange, 200, Newsletter.subscribe(email, list));
                }
            }
        });
        server.createContext("/subscription", exchange -> {
            if (Http.allow(exchange, "GET")) {
                String email = Http.param(exchange, "email");
                String pending = email == null ? null : Newsletter.pending(email);
                Http.send(exchange, pending == null ? 404 : 200, pending == null ? "nothing pending" : pending);
            }
        });
        server.createContext("/stats", exchange -> {
            if (Http.allow(exchange, "GET")) {
                Http.send(exchange, 200, String.valueOf(Stats.logins));
            }
        });

        // Floods of distinct state (keys, generated classes) and the heap after them.
        server.createContext("/flood/keys", new FloodKeysHandler());
        server.createContext("/flood/classes", new FloodClassesHandler());
        server.createContext("/flood/heap", new FloodHeapHandler());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            requestThreads.shutdown();
            WORKERS.shutdown();
        }, "userinfo-shutdown"));

        server.start();
        System.out.println("LISTENING port=" + server.getAddress().getPort());
        System.out.flush();
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
