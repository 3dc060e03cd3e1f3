package dev.crosstalk.testapps.webflux;

import dev.crosstalk.testapps.gates.Gates;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Spring WebFlux on Reactor Netty; every bug next to its fixed twin under {@code /fixed}. */
@SpringBootApplication
public class WebFluxApp {
    public static void main(String[] args) {
        SpringApplication.run(WebFluxApp.class, args);
    }

    /** The gates the tests drive interleavings through, one for the whole app. */
    @Bean
    Gates gates() {
        return new Gates();
    }
}
