package dev.crosstalk.testapps.springboot;

/** The user the current request runs as, so that any code can find out without passing it around. */
final class SecurityContext {

    /** The user name, or null for an anonymous request. */
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private SecurityContext() {
    }
}
