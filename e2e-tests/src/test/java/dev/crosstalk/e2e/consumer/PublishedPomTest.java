package dev.crosstalk.e2e.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.harness.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What this build would publish for crosstalk-agent and crosstalk-junit: POMs that put nothing but the
 * JUnit API on a user's class path, the metadata a repository such as Maven Central asks for, and sources
 * and Javadoc jars. (ConsumerBuildTest proves the jars work from a repository.)
 */
class PublishedPomTest {

    private final Project project = Project.locate();
    private final RootPom root = new RootPom(project.root().resolve("pom.xml"));
    private final List<Published> published = Published.all(project, root.version());
    private final Element parent = Xml.parse(Published.named(published, "crosstalk-parent").pom());

    @Test
    void theAgentsPomDeclaresNothingAUserWouldGet() {
        assertEquals(List.of(), dependenciesReachingUsers("crosstalk-agent"),
                "dependencies of the agent's published POM that a user's build would resolve: its own are"
                        + " inside the jar, relocated");
    }

    @Test
    void theGatesPomDeclaresOnlyTheJunitApi() {
        assertEquals(List.of("org.junit.jupiter:junit-jupiter-api"), dependenciesReachingUsers("crosstalk-junit"));
    }

    @Test
    void theParentPomAddsNoDependencies() {
        assertEquals(null, Xml.child(parent, "dependencies"), "the parent POM's <dependencies> reach every child");
    }

    @Test
    void bothCarryPublicationMetadata() {
        for (String artifactId : List.of("crosstalk-agent", "crosstalk-junit")) {
            Element pom = pomOf(artifactId);
            assertEquals(Published.GROUP_ID + ":crosstalk-parent:" + root.version(), Xml.text(pom, "parent", "groupId")
                    + ":" + Xml.text(pom, "parent", "artifactId") + ":" + Xml.text(pom, "parent", "version"));
            for (String field : List.of("name", "description")) {
                assertTrue(Xml.text(pom, field) != null && !Xml.text(pom, field).isBlank(), artifactId + " has a " + field);
            }
        }
        // Inherited by both from the parent, which is published with them.
        for (String[] path : List.of(new String[] {"url"}, new String[] {"licenses", "license", "name"},
                new String[] {"licenses", "license", "url"}, new String[] {"developers", "developer", "name"},
                new String[] {"scm", "url"}, new String[] {"scm", "connection"})) {
            assertNotNull(Xml.text(parent, path), "the parent POM has " + String.join("/", path));
        }
    }

    @Test
    void bothHaveSourcesAndJavadocJars() throws IOException {
        for (String module : List.of("agent", "crosstalk-junit")) {
            Published artifact = Published.named(published, module.equals("agent") ? "crosstalk-agent" : module)
                    .requireBuilt();
            Set<String> sources = javaFilesUnder(project.root().resolve(module).resolve("src/main/java"));
            assertEquals(sources, entries(artifact.sources(), ".java"), artifact.sources() + " holds every main source");
            Set<String> pages = entries(artifact.javadoc(), ".html");
            assertTrue(pages.contains("index.html"), artifact.javadoc() + " has index.html");
            String entryClass = module.equals("agent") ? "dev/crosstalk/agent/CrosstalkAgent.html"
                    : "dev/crosstalk/junit/CrosstalkGate.html";
            assertTrue(pages.contains(entryClass), artifact.javadoc() + " documents " + entryClass);
        }
    }

    private Element pomOf(String artifactId) {
        return Xml.parse(Published.named(published, artifactId).requireBuilt().pom());
    }

    /** groupId:artifactId of each dependency a user's build would resolve (not test or provided, not optional). */
    private List<String> dependenciesReachingUsers(String artifactId) {
        Element dependencies = Xml.child(pomOf(artifactId), "dependencies");
        List<String> out = new ArrayList<>();
        if (dependencies == null) {
            return out;
        }
        for (Element d : Xml.children(dependencies, "dependency")) {
            String scope = Xml.text(d, "scope");
            boolean transitive = scope == null || scope.equals("compile") || scope.equals("runtime");
            if (transitive && !"true".equals(Xml.text(d, "optional"))) {
                out.add(Xml.text(d, "groupId") + ":" + Xml.text(d, "artifactId"));
            }
        }
        return out;
    }

    private static Set<String> javaFilesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> entries(Path jar, String suffix) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).filter(n -> n.endsWith(suffix))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
