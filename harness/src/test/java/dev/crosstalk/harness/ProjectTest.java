package dev.crosstalk.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

    @TempDir
    Path root;

    @Test
    void findsTheParentPomNotAChildThatNamesIt() throws Exception {
        Files.writeString(root.resolve("pom.xml"),
                "<project><groupId>dev.crosstalk</groupId><artifactId>crosstalk-parent</artifactId></project>");
        Path child = Files.createDirectories(root.resolve("test-apps/remixer"));
        Files.writeString(child.resolve("pom.xml"), "<project><parent><artifactId>crosstalk-parent</artifactId>"
                + "</parent><artifactId>test-app-remixer</artifactId></project>");
        Path deep = Files.createDirectories(child.resolve("src/main"));

        assertEquals(root.toRealPath(), Project.locateFrom(deep).root().toRealPath());
    }

    @Test
    void missingJarsNameTheFileAndTheBuild() {
        Project project = Project.at(root);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> project.appJar("remixer"));
        assertTrue(e.getMessage().contains(root.resolve("test-apps/remixer/target/remixer.jar").toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("mvn -q package -DskipTests"), e.getMessage());
        e = assertThrows(IllegalStateException.class, project::agentJar);
        assertTrue(e.getMessage().contains("agent/target/crosstalk-agent.jar"), e.getMessage());
    }

    @Test
    void locatesThisCheckout() {
        Path root = Project.locate().root();
        assertTrue(Files.isRegularFile(root.resolve("harness/pom.xml")), root.toString());
    }
}
