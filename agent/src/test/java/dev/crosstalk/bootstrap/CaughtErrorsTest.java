package dev.crosstalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent keeps the first throwables it caught as text, capped, and still counts every one. */
class CaughtErrorsTest {

    @Test
    void firstErrorsAreKeptAsOneLineWithClassMessageAndTopFramesAndTheRestOnlyCounted() {
        int before = Hooks.caughtErrors().size();
        long counted = Hooks.errors();
        IllegalStateException first = new IllegalStateException("table full\nsecond line");
        Hooks.error(first);
        if (before < CaughtErrors.MAX_KEPT) {
            String kept = Hooks.caughtErrors().get(before);
            assertTrue(kept.startsWith("java.lang.IllegalStateException: table full second line at "
                    + CaughtErrorsTest.class.getName() + "."), kept);
            assertEquals(Math.min(first.getStackTrace().length, CaughtErrors.MAX_FRAMES),
                    kept.split(" <- ").length, kept);
        }
        for (int i = 0; i < CaughtErrors.MAX_KEPT + 5; i++) {
            Hooks.error(new RuntimeException("n" + i));
        }
        List<String> kept = Hooks.caughtErrors();
        assertEquals(CaughtErrors.MAX_KEPT, kept.size(), kept.toString());
        // at least: a reporter thread of another test may count its own error meanwhile
        assertTrue(Hooks.errors() >= counted + 1 + CaughtErrors.MAX_KEPT + 5, "every error is counted");
    }

    @Test
    void aThrowableWithoutMessageOrFramesIsItsClassName() {
        Throwable bare = new Error((String) null);
        bare.setStackTrace(new StackTraceElement[0]);
        assertEquals("java.lang.Error", CaughtErrors.describe(bare));
    }
}
