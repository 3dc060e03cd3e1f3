package dev.crosstalk.testapps.userinfo.jdkhttp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Newsletter sign-up: the confirmation for an address waits until the subscriber opens it. It is keyed
 * by the address alone, though it names the list too, so a second sign-up of the same address (for
 * another list, from another device) replaces what the first one is shown.
 */
final class Newsletter {

    private static final Map<String, String> PENDING = new ConcurrentHashMap<>();

    private Newsletter() {
    }

    static String subscribe(String email, String list) {
        String confirmation = "confirm " + email + " for the " + list + " letter";
        PENDING.put(email, confirmation);
        return confirmation;
    }

    /** The confirmation waiting for {@code email}, or null. */
    static String pending(String email) {
        return PENDING.get(email);
    }
}
