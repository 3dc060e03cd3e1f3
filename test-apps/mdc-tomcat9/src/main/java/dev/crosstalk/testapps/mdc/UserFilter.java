package dev.crosstalk.testapps.mdc;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

/**
 * Puts the signed-in user (here the {@code user} parameter) into the logging context so that every log
 * line of the request names it. The leaky variant never takes it out again; the fixed one removes it
 * in {@code finally}.
 */
abstract class UserFilter implements Filter {
    private final boolean removeInFinally;

    UserFilter(boolean removeInFinally) {
        this.removeInFinally = removeInFinally;
    }

    /** Puts {@code user} into this framework's MDC under {@code user}. */
    abstract void put(String user);

    /** Removes {@code user} from this framework's MDC. */
    abstract void remove();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String user = request.getParameter("user");
        if (user != null) {
            put(user);
        }
        if (!removeInFinally) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            remove();
        }
    }
}
