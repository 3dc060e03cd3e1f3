package dev.crosstalk.testapps.asyncjetty;

/** The user a request (or a pool task) acts for, one per thread. */
final class UserContext {
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    static final ThreadLocal<String> FIXED_CURRENT = new ThreadLocal<>();
    static final ThreadLocal<String> POOLED = new ThreadLocal<>();
    static final ThreadLocal<String> FIXED_POOLED = new ThreadLocal<>();

    private UserContext() {
    }
}
