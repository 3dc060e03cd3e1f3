package dev.crosstalk.testapps.settings;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The site-wide error handler: a page that trips over missing settings gets a plain 500 and an error log line. */
public class ErrorLogFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(ErrorLogFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (UndefinedElementException e) {
            HttpServletRequest req = (HttpServletRequest) request;
            log.error("{} {}: {}", req.getMethod(), req.getRequestURI(), e.getMessage());
            PlainText.send((HttpServletResponse) response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    e.getMessage());
        }
    }
}
