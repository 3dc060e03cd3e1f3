package dev.crosstalk.testapps.webflux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /catalog?item=}: the throughput endpoint of {@code scripts/bench --app webflux}. Reads static
 * configuration and a static memo cache, and hops to the parallel scheduler once, as a typical reactive
 * read path does; no bug.
 */
@RestController
class CatalogController {
    private static final String CURRENCY = System.getProperty("catalog.currency", "EUR");
    private static final Map<String, String> PRICES = new ConcurrentHashMap<>();

    @GetMapping("/catalog")
    Mono<String> price(@RequestParam(name = "item", defaultValue = "kick") String item) {
        return Mono.just(item)
                .publishOn(Schedulers.parallel())
                .map(i -> i + ": " + PRICES.computeIfAbsent(i, CatalogController::listPrice) + " " + CURRENCY);
    }

    private static String listPrice(String item) {
        return Integer.toString(Math.floorMod(item.hashCode(), 100) + 1);
    }
}
