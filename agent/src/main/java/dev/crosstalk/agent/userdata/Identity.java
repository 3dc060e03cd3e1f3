package dev.crosstalk.agent.userdata;

import java.util.List;
import java.util.function.Function;

/**
 * Which user a request without an {@code HttpSession} belongs to: the value of its session cookie
 * (the {@code user-cookies} option) or, failing that, of an identifying header such as
 * {@code Authorization} ({@code user-headers}). Only the caller's hash of that value is ever kept.
 */
public final class Identity {
    /** The cookies that identify a user when there is no session: the usual session cookies. */
    public static final List<String> DEFAULT_COOKIES = List.of("JSESSIONID", "SESSION");
    /** The headers that identify a user when there is no session. */
    public static final List<String> DEFAULT_HEADERS = List.of("Authorization");

    private static volatile List<String> cookies = DEFAULT_COOKIES;
    private static volatile List<String> headers = DEFAULT_HEADERS;

    private Identity() {
    }

    /** Sets the cookie and header names from the options. */
    public static void configure(List<String> cookieNames, List<String> headerNames) {
        cookies = List.copyOf(cookieNames);
        headers = List.copyOf(headerNames);
    }

    /**
     * The value that identifies the request's user, read through {@code header} (a request's header
     * by name, null when absent), or null when it carries none. Never shown: callers hash it.
     */
    public static String userValue(Function<String, String> header) {
        String cookieHeader = header.apply("Cookie");
        if (cookieHeader != null) {
            for (String name : cookies) {
                String v = cookie(cookieHeader, name);
                if (v != null) {
                    return v; // the session id itself, hashed like an HttpSession id
                }
            }
        }
        for (String name : headers) {
            String v = header.apply(name);
            if (v != null && !v.isEmpty()) {
                return name + ":" + v;
            }
        }
        return null;
    }

    /** The value of cookie {@code name} in a {@code Cookie} header, or null. */
    static String cookie(String cookieHeader, String name) {
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String v = pair.substring(eq + 1).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
