package dev.crosstalk.testapps.staging;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.HashMap;
import java.util.Map;

/**
 * A look-alike that must stay quiet: settings filled once when the webapp starts (outside any request)
 * and only read by requests afterwards, in every deployment.
 */
@WebListener
public class Settings implements ServletContextListener {
    static volatile Map<String, String> current = Map.of();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Map<String, String> fresh = new HashMap<>();
        fresh.put("title", "Staging shop " + event.getServletContext().getContextPath());
        current = fresh; // built, then published with one assignment
    }
}
