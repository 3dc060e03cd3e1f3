package dev.crosstalk.testapps.mdc;

import org.slf4j.MDC;

/** The user in SLF4J's MDC, which Logback prints. */
final class Slf4jUserFilter extends UserFilter {
    Slf4jUserFilter(boolean removeInFinally) {
        super(removeInFinally);
    }

    @Override
    void put(String user) {
        MDC.put("user", user);
    }

    @Override
    void remove() {
        MDC.remove("user");
    }
}
