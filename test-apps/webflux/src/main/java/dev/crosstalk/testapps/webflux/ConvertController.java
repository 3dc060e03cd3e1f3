package dev.crosstalk.testapps.webflux;

import dev.crosstalk.testapps.gates.Gates;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /convert?currency=}: the controller singleton keeps the currency in a field, asks a rate
 * service over HTTP with {@code WebClient} (this app's own {@code /backend/rate}, so the test needs no
 * second server), and renders the answer in the client's continuation, which runs on the event loop
 * that receives the response: by then another exchange may have set the field. The fixed twin
 * ({@code /fixed/convert}) renders from the value carried down the chain.
 */
@RestController
class ConvertController {
    private final Gates gates;
    private String currency;

    ConvertController(Gates gates) {
        this.gates = gates;
    }

    @GetMapping("/convert")
    Mono<String> convert(@RequestParam("currency") String currency,
            @RequestParam(name = "gate", required = false) String gate, ServerHttpRequest request) {
        this.currency = currency;
        return rate(request, gate).map(rate -> rate + " " + this.currency);
    }

    @GetMapping("/fixed/convert")
    Mono<String> fixedConvert(@RequestParam("currency") String currency,
            @RequestParam(name = "gate", required = false) String gate, ServerHttpRequest request) {
        this.currency = currency;
        return rate(request, gate).map(rate -> rate + " " + currency);
    }

    /** The rate service: waits at the gate (off the event loop), then answers. */
    @GetMapping("/backend/rate")
    Mono<String> backendRate(@RequestParam(name = "gate", required = false) String gate) {
        return Mono.fromCallable(() -> {
            gates.pass(gate);
            return "1.5";
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static Mono<String> rate(ServerHttpRequest request, String gate) {
        String base = "http://127.0.0.1:" + request.getLocalAddress().getPort();
        return WebClient.create(base).get().uri(gate == null ? "/backend/rate" : "/backend/rate?gate=" + gate)
                .retrieve().bodyToMono(String.class);
    }
}
