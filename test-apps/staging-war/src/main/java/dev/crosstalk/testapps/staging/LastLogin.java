package dev.crosstalk.testapps.staging;

/** The bug: who logged in last, kept in a static field that every request of the webapp shares. */
final class LastLogin {
    static String user;

    private LastLogin() {
    }
}
