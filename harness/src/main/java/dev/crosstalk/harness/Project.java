package dev.crosstalk.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The crosstalk source tree, and the built jars in it that the harness starts.
 *
 * <p>The root comes from the system property {@code crosstalk.root} when set, otherwise it is the
 * nearest directory at or above the current one whose {@code pom.xml} is the {@code crosstalk-parent}
 * project itself.
 */
public final class Project {

    /** The command that produces every jar this class hands out. */
    public static final String BUILD_COMMAND = "mvn -q package -DskipTests";

    private static final String ROOT_ARTIFACT = "crosstalk-parent";

    private final Path root;

    private Project(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The project of this run: {@code -Dcrosstalk.root} or the nearest crosstalk-parent above the current dir. */
    public static Project locate() {
        String configured = System.getProperty("crosstalk.root");
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured);
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("-Dcrosstalk.root=" + configured + " is not a directory");
            }
            return new Project(root);
        }
        return locateFrom(Path.of(""));
    }

    /** The nearest crosstalk-parent project at or above {@code start}. */
    public static Project locateFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isRootPom(dir.resolve("pom.xml"))) {
                return new Project(dir);
            }
        }
        throw new IllegalStateException("No crosstalk project (a pom.xml with artifactId " + ROOT_ARTIFACT
                + ") at or above " + start.toAbsolutePath() + "; run from inside the project or set -Dcrosstalk.root");
    }

    /** A project rooted at {@code root}, taken as given. */
    public static Project at(Path root) {
        return new Project(root);
    }

    public Path root() {
        return root;
    }

    /** The agent jar; fails with the build command when it has not been built. */
    public Path agentJar() {
        return requireBuilt(root.resolve("agent/target/crosstalk-agent.jar"));
    }

    /** The fat jar of test app {@code name} (a directory under test-apps); fails when it has not been built. */
    public Path appJar(String name) {
        return requireBuilt(root.resolve("test-apps").resolve(name).resolve("target").resolve(name + ".jar"));
    }

    private Path requireBuilt(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + "; build it first: cd " + root + " && " + BUILD_COMMAND);
        }
        return jar;
    }

    // Child poms name crosstalk-parent inside <parent>, so only the project's own artifactId counts.
    private static boolean isRootPom(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(pom)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Node project = factory.newDocumentBuilder().parse(in).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("artifactId".equals(child.getNodeName())) {
                    return ROOT_ARTIFACT.equals(child.getTextContent().trim());
                }
            }
            return false;
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return false;
        }
    }
}
