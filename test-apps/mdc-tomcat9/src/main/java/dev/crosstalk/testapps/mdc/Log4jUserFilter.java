package dev.crosstalk.testapps.mdc;

import org.apache.logging.log4j.ThreadContext;

/** The user in Log4j 2's ThreadContext, its MDC. */
final class Log4jUserFilter extends UserFilter {
    Log4jUserFilter(boolean removeInFinally) {
        super(removeInFinally);
    }

    @Override
    void put(String user) {
        ThreadContext.put("user", user);
    }

    @Override
    void remove() {
        ThreadContext.remove("user");
    }
}
