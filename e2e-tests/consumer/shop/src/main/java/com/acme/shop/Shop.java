package com.acme.shop;

/**
 * The shop's front door: each call is one customer request. Not an HTTP server, so the consumer builds
 * name this method to the agent with {@code entry=} (the environment variable {@code CROSSTALK_ENTRY}).
 */
public final class Shop {

    private Shop() {
    }

    public static String handle(String path, String user) {
        switch (path) {
            case "/leaky/login":
                LeakyProfiles.login(user);
                return "ok";
            case "/leaky/profile":
                return LeakyProfiles.profile();
            case "/clean/login":
                return CleanProfiles.login(user);
            case "/clean/profile":
                return CleanProfiles.profile(user);
            default:
                return "not found";
        }
    }
}
