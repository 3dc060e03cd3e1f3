package dev.crosstalk.testapps.webflux;

import dev.crosstalk.testapps.gates.Gates;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /gate/arrived?name=} answers once work reached the gate; {@code POST /gate/release?name=} lets it on. */
@RestController
class GateController {
    private final Gates gates;

    GateController(Gates gates) {
        this.gates = gates;
    }

    @GetMapping("/gate/arrived")
    Mono<String> arrived(@RequestParam("name") String name) {
        return Mono.fromRunnable(() -> gates.awaitArrival(name)).subscribeOn(Schedulers.boundedElastic())
                .thenReturn("arrived");
    }

    @PostMapping("/gate/release")
    Mono<String> release(@RequestParam("name") String name) {
        gates.release(name);
        return Mono.just("released");
    }
}
