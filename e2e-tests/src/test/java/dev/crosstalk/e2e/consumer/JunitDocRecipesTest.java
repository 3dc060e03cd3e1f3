package dev.crosstalk.e2e.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.harness.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/junit.md shows only what ConsumerBuildTest builds: every line of each Maven snippet (but {@code ...})
 * is, in order, in one recipe's POM, and the {@code junit-platform.properties} snippet is the auto-detection
 * project's file. The POMs are read with the docs' placeholder path and this project's version filled in.
 */
class JunitDocRecipesTest {

    private static final String DOC_AGENT_PATH = "/path/to/crosstalk-agent.jar";

    private final Project project = Project.locate();
    private final String version = new RootPom(project.root().resolve("pom.xml")).version();

    @Test
    void everyMavenSnippetIsInARecipeThatIsBuilt() throws IOException {
        List<List<String>> snippets = snippets("xml");
        assertTrue(snippets.size() >= 5, "docs/junit.md's xml snippets: " + snippets.size());
        List<List<String>> poms = new ArrayList<>();
        for (Recipe recipe : Recipe.values()) {
            poms.add(trimmedLines(ConsumerProject.pomTemplate(recipe).replace("@AGENT_JAR@", DOC_AGENT_PATH)
                    .replace("@CROSSTALK_VERSION@", version)));
        }
        List<String> missing = new ArrayList<>();
        for (List<String> snippet : snippets) {
            if (poms.stream().noneMatch(pom -> inOrder(snippet, pom))) {
                missing.add(String.join("\n", snippet));
            }
        }
        assertEquals(List.of(), missing, "snippets of docs/junit.md that no consumer POM under"
                + " e2e-tests/consumer/poms holds (line by line, in order)");
    }

    @Test
    void thePropertiesSnippetIsTheAutoDetectionProjectsFile() throws IOException {
        Path file = ConsumerProject.resources().resolve(ConsumerProject.AUTODETECT_DIR)
                .resolve("src/test/resources/junit-platform.properties");
        assertEquals(List.of(trimmedLines(Files.readString(file, StandardCharsets.UTF_8))), snippets("properties"));
    }

    /** The trimmed non-blank lines of each fenced block of {@code language}, without {@code ...} lines. */
    private List<List<String>> snippets(String language) throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(project.root().resolve("docs/junit.md"), StandardCharsets.UTF_8)) {
            if (current == null && line.equals("```" + language)) {
                current = new ArrayList<>();
            } else if (current != null && line.equals("```")) {
                out.add(current);
                current = null;
            } else if (current != null && !line.isBlank() && !line.trim().equals("...")) {
                current.add(line.trim());
            }
        }
        return out;
    }

    private static List<String> trimmedLines(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    private static boolean inOrder(List<String> wanted, List<String> lines) {
        int at = 0;
        for (String line : lines) {
            if (at < wanted.size() && line.equals(wanted.get(at))) {
                at++;
            }
        }
        return at == wanted.size();
    }
}
