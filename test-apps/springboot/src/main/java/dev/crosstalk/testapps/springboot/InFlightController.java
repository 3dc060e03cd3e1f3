package dev.crosstalk.testapps.springboot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /inflight: how many pages are rendering right now. */
@RestController
class InFlightController {

    private final Rendering rendering;

    InFlightController(Rendering rendering) {
        this.rendering = rendering;
    }

    @GetMapping("/inflight")
    String inFlight() {
        return String.valueOf(rendering.inProgress());
    }
}
