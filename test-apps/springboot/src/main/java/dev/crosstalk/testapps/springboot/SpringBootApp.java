package dev.crosstalk.testapps.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web app (embedded Tomcat) with three classic cross-talk bugs, each next to its fixed
 * twin: a request value in a controller field, a ThreadLocal security context and MDC entry never
 * cleared, and a static {@code SimpleDateFormat}. Spring Boot arguments such as
 * {@code --server.tomcat.threads.max=1} are accepted on the command line.
 */
@SpringBootApplication
public class SpringBootApp {

    /** Starts the app; {@link ListeningAnnouncer} prints {@code LISTENING port=N} once Tomcat serves. */
    public static void main(String[] args) {
        SpringApplication.run(SpringBootApp.class, args);
    }
}
