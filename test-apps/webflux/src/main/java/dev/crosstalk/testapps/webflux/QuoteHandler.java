package dev.crosstalk.testapps.webflux;

import dev.crosstalk.testapps.gates.Gates;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Functional endpoints ({@link QuoteRoutes}), as a team that prefers router functions to controllers
 * writes them. {@code GET /quote?symbol=}: the handler singleton remembers the symbol under one key of a
 * map ("latest"), waits for the price ({@code Mono.delay}, on the parallel scheduler), and reads the
 * key back: by then another exchange may have put its own. {@code GET /fixed/quote?symbol=} keys the
 * same map by symbol, a cache that serves every exchange the entry it asked for.
 */
@Component
class QuoteHandler {
    private final Gates gates;
    private final Map<String, String> quotes = new ConcurrentHashMap<>();

    QuoteHandler(Gates gates) {
        this.gates = gates;
    }

    Mono<ServerResponse> quote(ServerRequest request) {
        String symbol = request.queryParam("symbol").orElse("ACME");
        quotes.put("latest", symbol);
        return priced(request).map(price -> quotes.get("latest") + " at " + price)
                .flatMap(body -> ServerResponse.ok().bodyValue(body));
    }

    Mono<ServerResponse> fixedQuote(ServerRequest request) {
        String symbol = request.queryParam("symbol").orElse("ACME");
        quotes.put(symbol, symbol.toUpperCase(java.util.Locale.ROOT));
        return priced(request).map(price -> quotes.get(symbol) + " at " + price)
                .flatMap(body -> ServerResponse.ok().bodyValue(body));
    }

    /** The price, after the gate (off the event loop) and a moment on the parallel scheduler. */
    private Mono<String> priced(ServerRequest request) {
        String gate = request.queryParam("gate").orElse(null);
        return Mono.fromCallable(() -> {
            gates.pass(gate);
            return "100";
        }).subscribeOn(Schedulers.boundedElastic())
                .flatMap(price -> Mono.delay(Duration.ofMillis(1)).thenReturn(price));
    }
}
