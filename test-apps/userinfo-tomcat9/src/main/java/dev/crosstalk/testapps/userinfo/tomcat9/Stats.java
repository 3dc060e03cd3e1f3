package dev.crosstalk.testapps.userinfo.tomcat9;

/** Rough usage numbers for the admin page; an occasional lost update is acceptable there. */
final class Stats {

    static int logins;

    private Stats() {
    }
}
