package dev.crosstalk.testapps.webflux;

import dev.crosstalk.testapps.gates.Gates;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /greet?user=}: the controller singleton keeps the user in a field, then looks the greeting up
 * off the event loop ({@code subscribeOn(boundedElastic)}), waits a moment ({@code delayElement}, on the
 * parallel scheduler) and renders it on another scheduler thread ({@code publishOn}), reading the field
 * back: by then another exchange may have set it.
 */
@RestController
class GreetingController {
    private final Gates gates;
    private String currentUser;

    GreetingController(Gates gates) {
        this.gates = gates;
    }

    @GetMapping("/greet")
    Mono<String> greet(@RequestParam("user") String user, @RequestParam(name = "gate", required = false) String gate) {
        currentUser = user;
        return Mono.fromCallable(() -> {
            gates.pass(gate);
            return user;
        }).subscribeOn(Schedulers.boundedElastic())
                .delayElement(Duration.ofMillis(1))
                .publishOn(Schedulers.parallel())
                .map(u -> "hello " + currentUser);
    }
}
