package dev.crosstalk.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosstalk.harness.AppProcess;
import dev.crosstalk.harness.Findings;
import dev.crosstalk.harness.Http;
import dev.crosstalk.harness.Jdk;
import dev.crosstalk.harness.ReloadUnderLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/findings.md is what users build dashboards from: every documented example's fields must be
 * exactly the fields (and JSON kinds) the agent writes for that type, in a real run.
 */
class FindingsDocTest {
    private static final Pattern EXAMPLE = Pattern.compile("### `([a-z-]+)`.*?```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.crosstalk.e2e.E2e#jdks")
    void documentedExamplesHaveExactlyTheFieldsOfRealEvents(Jdk jdk, @TempDir Path dir) throws Exception {
        Map<String, JsonNode> documented = documentedExamples();
        assertFalse(documented.isEmpty(), "docs/findings.md has examples");
        Path json = dir.resolve(E2e.FINDINGS_FILE);
        try (AppProcess app = E2e.start(jdk, "settings", dir, "json=" + json + ",update-interval=200ms")) {
            Http http = Http.to(app);
            http.get("/page");
            ReloadUnderLoad.slowPageDuringReload(http); // warm-up: classes loaded, page compiled
            ReloadUnderLoad.slowPageDuringReload(http); // reset-during-use
            for (int attempt = 0; attempt < 5 && Findings.ofType(Findings.read(json), "partial-init-read").isEmpty();
                    attempt++) {
                ReloadUnderLoad.run(http, "/page?app=original", 8); // partial-init-read: pages fail meanwhile
                new Findings(json).waitFor(e -> !Findings.ofType(e, "partial-init-read").isEmpty(),
                        java.time.Duration.ofSeconds(2));
            }
            app.stopGracefully();
            List<JsonNode> events = Findings.read(json);
            for (String type : documented.keySet()) {
                if (!CHECKED_ON_SPRING_BOOT.contains(type)) {
                    assertDocumented(type, events, app);
                }
            }
        }
    }

    /** Types the settings app cannot produce: {@link SpringBootAppTest} checks them against its own events. */
    static final java.util.Set<String> CHECKED_ON_SPRING_BOOT = java.util.Set.of("threadlocal-carryover",
            "unsafe-concurrent-mutation");

    /**
     * The documented example of {@code type} has exactly the fields (and JSON kinds) of the first real
     * event of that type and the example's severity.
     */
    static void assertDocumented(String type, List<JsonNode> events, AppProcess app) throws Exception {
        JsonNode doc = documentedExamples().get(type);
        assertNotNull(doc, "docs/findings.md has an example of " + type);
        JsonNode real = Findings.ofType(events, type).stream()
                .filter(e -> e.path("severity").asText().equals(doc.path("severity").asText())).findFirst().orElse(null);
        assertNotNull(real, "a real " + type + " event to compare with; got " + Findings.describe(events)
                + "\nstderr:\n" + app.stderr());
        assertEquals(shape(doc), shape(real), "fields of the documented " + type
                + " example (left) against a real event (right): " + real);
    }

    /** The section of docs/findings.md on servlet containers, and its one example. */
    private static final Pattern WEBAPP_EXAMPLE = Pattern.compile("## Several webapps in one server.*?```json\\n(.*?)\\n```",
            Pattern.DOTALL);

    /**
     * The documented example of a webapp's finding has exactly the fields (and JSON kinds) of
     * {@code real}, an event of a webapp's state ({@link StandaloneTomcatTest}).
     */
    static void assertDocumentedWebappExample(JsonNode real) throws Exception {
        Matcher m = WEBAPP_EXAMPLE.matcher(Files.readString(E2e.project().root().resolve("docs/findings.md")));
        assertTrue(m.find(), "docs/findings.md has an example of a webapp's finding");
        assertEquals(shape(JSON.readTree(m.group(1))), shape(real), "fields of the documented webapp example (left)"
                + " against a real event (right): " + real);
    }

    private static Map<String, JsonNode> documentedExamples() throws Exception {
        String doc = Files.readString(E2e.project().root().resolve("docs/findings.md"));
        Map<String, JsonNode> examples = new TreeMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            examples.put(m.group(1), JSON.readTree(m.group(2)));
        }
        return examples;
    }

    /** Every field path with its JSON kind: {@code writer.location=STRING}; array contents are not compared. */
    private static Map<String, String> shape(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        shape("", node, out);
        return out;
    }

    private static void shape(String path, JsonNode node, Map<String, String> out) {
        if (!path.isEmpty()) {
            out.put(path, node.getNodeType().name());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                shape(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        }
    }
}
