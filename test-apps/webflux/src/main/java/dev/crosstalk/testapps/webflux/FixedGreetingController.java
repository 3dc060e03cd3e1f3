package dev.crosstalk.testapps.webflux;

import dev.crosstalk.testapps.gates.Gates;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /fixed/greet?user=}: the same hops as {@link GreetingController}; the field is kept as a
 * status (who was greeted last), and the greeting is rendered from the value carried down the chain.
 */
@RestController
class FixedGreetingController {
    private final Gates gates;
    private String lastGreeted;

    FixedGreetingController(Gates gates) {
        this.gates = gates;
    }

    @GetMapping("/fixed/greet")
    Mono<String> greet(@RequestParam("user") String user, @RequestParam(name = "gate", required = false) String gate) {
        lastGreeted = user;
        return Mono.fromCallable(() -> {
            gates.pass(gate);
            return user;
        }).subscribeOn(Schedulers.boundedElastic())
                .delayElement(Duration.ofMillis(1))
                .publishOn(Schedulers.parallel())
                .map(u -> "hello " + u);
    }
}
