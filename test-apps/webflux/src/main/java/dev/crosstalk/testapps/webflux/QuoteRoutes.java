package dev.crosstalk.testapps.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The routes of {@link QuoteHandler}: functional endpoints beside the annotated controllers. */
@Configuration
class QuoteRoutes {
    @Bean
    RouterFunction<ServerResponse> quoteRouter(QuoteHandler handler) {
        return route(GET("/quote"), handler::quote).andRoute(GET("/fixed/quote"), handler::fixedQuote);
    }
}
