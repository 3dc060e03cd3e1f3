package dev.crosstalk.testapps.webflux;

import dev.crosstalk.testapps.gates.Gates;
import java.time.Duration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /orders} with the order as the body: the order is put into a static as the body arrives (on
 * the event loop), checked off the event loop, and confirmed after {@code Mono.delay}. The bug confirms the
 * order in the static; the fixed twin ({@code /fixed/orders}) sets the static too but confirms its own.
 */
@RestController
class OrderController {
    private final Gates gates;

    OrderController(Gates gates) {
        this.gates = gates;
    }

    @PostMapping("/orders")
    Mono<String> order(@RequestBody Mono<String> body, @RequestParam(name = "gate", required = false) String gate) {
        return confirm(body, gate, false);
    }

    @PostMapping("/fixed/orders")
    Mono<String> fixedOrder(@RequestBody Mono<String> body, @RequestParam(name = "gate", required = false) String gate) {
        return confirm(body, gate, true);
    }

    private Mono<String> confirm(Mono<String> body, String gate, boolean fixed) {
        return body.doOnNext(order -> Orders.lastOrder = order)
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(order -> gates.pass(gate))
                .flatMap(order -> Mono.delay(Duration.ofMillis(1)).thenReturn(order))
                .map(order -> "confirmed " + (fixed ? order : Orders.lastOrder));
    }
}
