package dev.crosstalk.testapps.springboot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /query?q=X&amp;renderMs=N: the search results page for X, rendered in N ms. */
@RestController
class QueryController {

    private final Rendering rendering;

    // Kept for the rendering step, which echoes what was searched for.
    private String lastQuery;

    QueryController(Rendering rendering) {
        this.rendering = rendering;
    }

    @GetMapping("/query")
    String query(@RequestParam("q") String q, @RequestParam(name = "renderMs", defaultValue = "0") int renderMs) {
        lastQuery = q;
        rendering.render(renderMs);
        return "results for " + lastQuery;
    }
}
