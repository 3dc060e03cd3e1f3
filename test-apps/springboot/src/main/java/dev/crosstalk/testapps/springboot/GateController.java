package dev.crosstalk.testapps.springboot;

import dev.crosstalk.testapps.gates.Gates;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /gate/arrived?name=} answers once work reached the gate; {@code POST /gate/release?name=} lets it on. */
@RestController
class GateController {
    private final Gates gates;

    GateController(Gates gates) {
        this.gates = gates;
    }

    @GetMapping("/gate/arrived")
    String arrived(@RequestParam("name") String name) {
        gates.awaitArrival(name);
        return "arrived";
    }

    @PostMapping("/gate/release")
    String release(@RequestParam("name") String name) {
        gates.release(name);
        return "released";
    }
}
