package com.acme.shop;

/** The bug: the logged-in user is kept in a static, so a profile shows whoever logged in last. */
final class LeakyProfiles {

    private static String currentUser;

    private LeakyProfiles() {
    }

    static void login(String user) {
        currentUser = user;
    }

    static String profile() {
        return "profile of " + currentUser;
    }
}
