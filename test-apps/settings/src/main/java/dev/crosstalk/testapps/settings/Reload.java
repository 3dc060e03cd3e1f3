package dev.crosstalk.testapps.settings;

import jakarta.servlet.http.HttpServletRequest;

/** The maintainers' back door: {@code ?init=abracadabra} reloads the settings without a restart. */
final class Reload {

    private static final String PASSWORD = "abracadabra";

    private Reload() {
    }

    static boolean requested(HttpServletRequest req) {
        return PASSWORD.equals(req.getParameter("init"));
    }
}
