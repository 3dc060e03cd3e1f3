package dev.crosstalk.testapps.userinfo.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GET /flood/keys?from=F&count=N&who=W: puts keys F..F+N-1 into a static map with values of writer W,
 * then reads them back. Without {@code who} it only reads. Answers {@code written=N found=N by=W:N},
 * the values found counted by the writer they came from. A flood of distinct keys for the agent.
 */
class FloodKeysHandler implements HttpHandler {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Http.allow(exchange, "GET")) {
            return;
        }
        int from;
        int count;
        try {
            from = Integer.parseInt(Http.param(exchange, "from"));
            count = Integer.parseInt(Http.param(exchange, "count"));
        } catch (NumberFormatException e) {
            Http.send(exchange, 400, "from and count must be numbers");
            return;
        }
        String who = Http.param(exchange, "who");
        int written = 0;
        if (who != null) {
            for (int i = from; i < from + count; i++) {
                VALUES.put(key(i), who + "-" + i);
                written++;
            }
        }
        int found = 0;
        Map<String, Integer> by = new TreeMap<>();
        for (int i = from; i < from + count; i++) {
            String v = VALUES.get(key(i));
            if (v != null && v.equals(v.substring(0, v.lastIndexOf('-')) + "-" + i)) {
                found++;
                by.merge(v.substring(0, v.lastIndexOf('-')), 1, Integer::sum);
            }
        }
        StringBuilder body = new StringBuilder("written=" + written + " found=" + found + " by=");
        by.forEach((w, n) -> body.append(w).append(':').append(n).append(' '));
        Http.send(exchange, 200, body.toString().trim());
    }

    /** Keys of one length ({@code key-0000042}), so that no two of them share a hash code. */
    static String key(int i) {
        String digits = Integer.toString(i);
        return "key-" + "0000000".substring(digits.length()) + digits;
    }

    /** Forgets every key, so that what stays on the heap afterwards is not the application's. */
    static void release() {
        VALUES.clear();
    }
}
