package dev.crosstalk.testapps.springboot;

import jakarta.servlet.http.HttpServletRequest;

/** Who sent a request: the {@code X-User} header, else the {@code user} parameter; null if neither. */
final class Users {

    /** The MDC key the log pattern prints. */
    static final String MDC_KEY = "user";

    private Users() {
    }

    static String of(HttpServletRequest request) {
        String user = request.getHeader("X-User");
        if (user == null || user.isEmpty()) {
            user = request.getParameter("user");
        }
        return user == null || user.isEmpty() ? null : user;
    }
}
