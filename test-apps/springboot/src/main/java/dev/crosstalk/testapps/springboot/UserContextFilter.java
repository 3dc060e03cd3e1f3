package dev.crosstalk.testapps.springboot;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.slf4j.MDC;

/** Makes the request's user known to the code below it and to the logs. */
class UserContextFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String user = Users.of((HttpServletRequest) request);
        if (user != null) {
            SecurityContext.CURRENT.set(user);
            MDC.put(Users.MDC_KEY, user);
        }
        chain.doFilter(request, response);
    }
}
