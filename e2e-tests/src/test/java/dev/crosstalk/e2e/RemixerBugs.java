package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.get200;
import static dev.crosstalk.e2e.E2e.post200;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The remixer's bugs as the suppression, baseline and annotation tests drive them: the seed's sample
 * cache and its look-alikes under other paths (marked {@code @GuardedBy}/{@code @ThreadSafe}, or not),
 * and a kit list reloaded in place; plus what those tests read from the summary line.
 */
final class RemixerBugs {

    static final String APP = "remixer";
    static final String PKG = "dev.crosstalk.testapps.remixer.";
    static final String SEED_CACHE = PKG + "PatternRemixer.sampleCache";
    static final String LOCKED_CACHE = PKG + "LockedRemixer.unmarkedCache";
    static final String GUARDED_CACHE = PKG + "LockedRemixer.markedCache";
    static final String PLAIN_STORE = PKG + "StoreRemixer.PLAIN_STORE";
    static final String SAFE_STORE = PKG + "StoreRemixer.MARKED_STORE";
    static final String KITS = PKG + "KitLibrary.kits";

    /** The seed's cache at {@code /remix}, and its copies under these path prefixes. */
    static final String SEED = "";
    static final String LOCKED = "/locked";
    static final String GUARDED = "/guarded";
    static final String PLAIN = "/plain-store";
    static final String SAFE = "/safe-store";

    private static final Pattern SUPPRESSED = Pattern.compile("; (\\d+) findings? suppressed \\(([^)]*)\\), seen (\\d+) times?;");

    private RemixerBugs() {
    }

    /**
     * Song 0, a reset, song 1, song 0 again, at {@code prefix}: the last remix of song 0 comes out with
     * song 1's renderings (checked, so the bug really happened). Returns the number of requests, 4.
     */
    static int sampleCacheBug(AppProcess app, String prefix) {
        String first = get200(app, prefix + "/remix?song=0");
        post200(app, prefix + "/reset");
        get200(app, prefix + "/remix?song=1");
        String last = get200(app, prefix + "/remix?song=0");
        assertTrue(first.startsWith("Night Drive:") && last.startsWith("Night Drive:"),
                why(prefix + ": both remixes are of song 0: '" + first + "' / '" + last + "'", app));
        assertNotEquals(first, last, why(prefix + ": the bug is real, song 0 comes out with song 1's renderings",
                app));
        return 4;
    }

    /** POST /kits/reload: publishes the new kit list, then fills it. Returns the number of requests, 1. */
    static int kitReload(AppProcess app) {
        assertEquals("reset", post200(app, "/kits/reload"), why("POST /kits/reload", app));
        return 1;
    }

    /** The distinct fingerprints of the events whose state is {@code field} or a key of it. */
    static Set<String> fingerprintsOf(List<JsonNode> events, String field) {
        return E2e.latest(events).stream().filter(e -> field.equals(E2e.stateField(e)))
                .map(e -> E2e.text(e, "fingerprint")).collect(Collectors.toSet());
    }

    /** The distinct fingerprints of {@code events}. */
    static Set<String> fingerprints(List<JsonNode> events) {
        return E2e.latest(events).stream().map(e -> E2e.text(e, "fingerprint")).collect(Collectors.toSet());
    }

    /** The summary line's suppression clause as {@code [distinct, reasons, occurrences]}, or null without one. */
    static List<String> suppressedClause(AppProcess app, List<JsonNode> events) {
        Matcher m = SUPPRESSED.matcher(E2e.summary(app, events).line());
        return m.find() ? List.of(m.group(1), m.group(2), m.group(3)) : null;
    }
}
