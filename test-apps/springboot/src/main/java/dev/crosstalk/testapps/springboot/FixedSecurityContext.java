package dev.crosstalk.testapps.springboot;

/** Like {@link SecurityContext}, for the fixed pages; {@link FixedUserContextFilter} clears it. */
final class FixedSecurityContext {

    /** The user name, or null for an anonymous request. */
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private FixedSecurityContext() {
    }
}
