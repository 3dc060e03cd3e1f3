package dev.crosstalk.testapps.springboot;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.slf4j.MDC;

/** Like {@link UserContextFilter}, but the worker thread leaves the request without its user. */
class FixedUserContextFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String user = Users.of((HttpServletRequest) request);
        try {
            if (user != null) {
                FixedSecurityContext.CURRENT.set(user);
                MDC.put(Users.MDC_KEY, user);
            }
            chain.doFilter(request, response);
        } finally {
            FixedSecurityContext.CURRENT.remove();
            MDC.remove(Users.MDC_KEY);
        }
    }
}
