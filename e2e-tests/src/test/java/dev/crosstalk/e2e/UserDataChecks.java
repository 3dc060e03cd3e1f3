package dev.crosstalk.e2e;

import static dev.crosstalk.e2e.E2e.text;
import static dev.crosstalk.e2e.E2e.why;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosstalk.harness.AppProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions shared by the single-write leak tests (issue 11): one leak's finding, exactly. */
final class UserDataChecks {
    private UserDataChecks() {
    }

    /** A leak as the test expects it: state field, source, writer and reader labels and code sites. */
    record Leak(String stateField, String sourceKind, String sourceName, String label, String writeSite,
            String readSite) {
    }

    /**
     * The latest events at warning or above are exactly one per leak and read site, each matching its
     * leak in every field, with writer and reader of different users.
     */
    static void assertExactly(AppProcess app, List<JsonNode> events, List<Leak> leaks) {
        List<JsonNode> bad = E2e.latestAtLeastWarning(events);
        assertEquals(leaks.size(), bad.size(), why("one error per leak: " + leaks, app, events));
        for (Leak leak : leaks) {
            JsonNode e = bad.stream().filter(b -> leak.stateField().equals(E2e.stateField(b))
                    && leak.readSite().equals(text(b.path("reader"), "location"))).findFirst()
                    .orElseThrow(() -> new AssertionError(why("an error on " + leak, app, events).get()));
            JsonNode w = e.path("writer");
            JsonNode r = e.path("reader");
            JsonNode source = e.path("details").path("source");
            assertEquals(List.of("cross-request-flow", "error", leak.stateField(), leak.sourceKind(),
                    String.valueOf(leak.sourceName()), leak.label(), leak.writeSite(), leak.label(), leak.readSite()),
                    List.of(String.valueOf(text(e, "type")), String.valueOf(text(e, "severity")),
                            String.valueOf(E2e.stateField(e)), String.valueOf(text(source, "kind")),
                            String.valueOf(text(source, "name")), String.valueOf(text(w, "label")),
                            String.valueOf(text(w, "location")), String.valueOf(text(r, "label")),
                            String.valueOf(text(r, "location"))),
                    why("[type, severity, state, source kind, source name, writer label, writer site, reader label,"
                            + " reader site]", app, events, e));
            assertEquals(w.path("requestId").asLong(), source.path("requestId").asLong(),
                    why("the source is the writer's input", app, events, e));
            assertTrue(w.path("requestId").asLong() < r.path("requestId").asLong(),
                    why("writer before reader", app, events, e));
            assertNotEquals(text(w, "session"), text(r, "session"), why("different users", app, events, e));
            assertTrue(text(w, "session") != null && text(r, "session") != null, why("both users known", app, events, e));
            String expected = "derived from the " + leak.sourceKind()
                    + (leak.sourceName() == null ? "" : " `" + leak.sourceName() + "`");
            assertTrue(text(e, "message").contains(expected), why("the message says '" + expected + "'", app, events, e));
        }
    }

    /**
     * The symptom, and its absence in the fixed twin: alice's answer at {@code bug} is served to bob
     * as well, while at {@code fixed} each gets their own.
     */
    static void assertLeaksOnlyWithoutTheFix(AppProcess app, UserClient alice, UserClient bob, String bug,
            String fixed, String alices, String bobs) {
        assertEquals(alices, alice.get(bug), why("alice at " + bug, app));
        assertEquals(alices, bob.get(bug), why("the bug: bob receives alice's data at " + bug, app));
        assertEquals(alices, alice.get(fixed), why("alice at " + fixed, app));
        assertEquals(bobs, bob.get(fixed), why("fixed: bob receives his own at " + fixed, app));
    }

    /** Each state field was reported, and only at info. */
    static void assertInfoOnly(AppProcess app, List<JsonNode> events, List<String> stateFields) {
        for (String field : stateFields) {
            List<JsonNode> seen = E2e.latest(events).stream().filter(e -> field.equals(E2e.stateField(e)))
                    .collect(Collectors.toList());
            assertFalse(seen.isEmpty(), why("a finding about " + field, app, events));
            assertTrue(seen.stream().allMatch(e -> "info".equals(text(e, "severity"))), why(field + " is info", app,
                    events));
        }
    }

    /** None of {@code values} appears in the JSON file nor in the agent's text lines. */
    static void assertNoValues(AppProcess app, List<JsonNode> events, Path json, List<String> values) {
        String jsonText;
        try {
            jsonText = Files.readString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> agentText = app.stderr().lines().filter(l -> l.startsWith("crosstalk") || l.startsWith("  "))
                .collect(Collectors.toList());
        for (String value : values) {
            assertFalse(jsonText.contains(value), why("the JSON findings contain the value '" + value + "'", app, events));
            assertTrue(agentText.stream().noneMatch(l -> l.contains(value)),
                    why("the text findings contain the value '" + value + "'", app, events));
        }
    }
}
