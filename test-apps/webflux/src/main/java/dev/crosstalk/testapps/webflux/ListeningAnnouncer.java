package dev.crosstalk.testapps.webflux;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints the port Reactor Netty bound ({@code server.port=0}) in the form the test harness waits for. */
@Component
class ListeningAnnouncer implements ApplicationListener<WebServerInitializedEvent> {

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        System.out.println("LISTENING port=" + event.getWebServer().getPort());
        System.out.flush();
    }
}
