package dev.crosstalk.testapps.springboot;

import dev.crosstalk.testapps.gates.Gates;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot web app (embedded Tomcat) with four classic cross-talk bugs, each next to its fixed
 * twin: a request value in a controller field, a ThreadLocal security context and MDC entry never
 * cleared, a static {@code SimpleDateFormat}, and a service's {@code final} list cleared and refilled
 * by every request. Spring Boot arguments such as
 * {@code --server.tomcat.threads.max=1} are accepted on the command line.
 */
@SpringBootApplication
public class SpringBootApp {

    /** Starts the app; {@link ListeningAnnouncer} prints {@code LISTENING port=N} once Tomcat serves. */
    public static void main(String[] args) {
        SpringApplication.run(SpringBootApp.class, args);
    }

    /** The gates the tests drive interleavings through, one for the whole app. */
    @Bean
    Gates gates() {
        return new Gates();
    }
}
