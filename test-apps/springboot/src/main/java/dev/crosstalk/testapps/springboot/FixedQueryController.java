package dev.crosstalk.testapps.springboot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /fixed/query?q=X&amp;renderMs=N: the same page, the query kept in a local variable. */
@RestController
class FixedQueryController {

    private final Rendering rendering;

    FixedQueryController(Rendering rendering) {
        this.rendering = rendering;
    }

    @GetMapping("/fixed/query")
    String query(@RequestParam("q") String q, @RequestParam(name = "renderMs", defaultValue = "0") int renderMs) {
        String query = q;
        rendering.render(renderMs);
        return "results for " + query;
    }
}
