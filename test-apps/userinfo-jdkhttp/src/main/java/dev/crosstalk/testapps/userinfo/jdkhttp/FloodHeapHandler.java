package dev.crosstalk.testapps.userinfo.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * GET /flood/heap[?release=true]: the heap in use after full garbage collections, in bytes, optionally
 * after the flood endpoints forgot what they hold, so that what remains of a flood is not the
 * application's. Answers {@code used=B}.
 */
class FloodHeapHandler implements HttpHandler {

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Http.allow(exchange, "GET")) {
            return;
        }
        if ("true".equals(Http.param(exchange, "release"))) {
            FloodKeysHandler.release();
            FloodClassesHandler.release();
        }
        long used = Long.MAX_VALUE;
        // The lowest of a few full collections: one may run while something is still being finalised.
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        Http.send(exchange, 200, "used=" + used);
    }
}
