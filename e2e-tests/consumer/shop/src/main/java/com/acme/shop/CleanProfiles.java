package com.acme.shop;

import java.util.concurrent.atomic.AtomicLong;

/** The fix: the user travels with each request; a login counter is the only shared state (intended). */
final class CleanProfiles {

    private static final AtomicLong LOGINS = new AtomicLong();

    private CleanProfiles() {
    }

    static String login(String user) {
        LOGINS.incrementAndGet();
        return "ok";
    }

    static String profile(String user) {
        return "profile of " + user;
    }
}
