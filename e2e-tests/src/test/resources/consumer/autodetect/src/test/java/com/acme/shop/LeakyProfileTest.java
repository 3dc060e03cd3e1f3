package com.acme.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LeakyProfileTest {

    @Test
    void profileShowsTheUserWhoAsks() {
        Shop.handle("/leaky/login", "alice");
        Shop.handle("/leaky/login", "bob");
        // Passes as written: the gate, not this assertion, is what must catch the leaky variant.
        assertEquals("profile of bob", Shop.handle("/leaky/profile", "bob"));
    }
}
