package com.acme.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.junit.CrosstalkGate;
import org.junit.jupiter.api.Test;

@CrosstalkGate
class ProfileTest {

    @Test
    void leakyProfileShowsTheUserWhoAsks() {
        assertProfileShowsTheUserWhoAsks("/leaky");
    }

    @Test
    void cleanProfileShowsTheUserWhoAsks() {
        assertProfileShowsTheUserWhoAsks("/clean");
    }

    // Passes for both services as written: the gate, not this assertion, is what must catch the leaky one.
    private static void assertProfileShowsTheUserWhoAsks(String service) {
        Shop.handle(service + "/login", "alice");
        Shop.handle(service + "/login", "bob");
        assertEquals("profile of bob", Shop.handle(service + "/profile", "bob"));
    }
}
