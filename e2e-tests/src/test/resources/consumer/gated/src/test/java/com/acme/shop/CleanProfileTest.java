package com.acme.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.junit.CrosstalkGate;
import org.junit.jupiter.api.Test;

@CrosstalkGate
class CleanProfileTest {

    @Test
    void profileShowsTheUserWhoAsks() {
        Shop.handle("/clean/login", "alice");
        Shop.handle("/clean/login", "bob");
        // Passes as written: the gate, not this assertion, is what must catch the leaky variant.
        assertEquals("profile of bob", Shop.handle("/clean/profile", "bob"));
    }
}
