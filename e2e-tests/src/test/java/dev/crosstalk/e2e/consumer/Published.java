package dev.crosstalk.e2e.consumer;

import dev.crosstalk.harness.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One artifact as this build would install or deploy it: the POM a repository gets, and for the jars the
 * main, sources and Javadoc jars as the build left them in {@code target/}.
 *
 * @param artifactId its artifactId (groupId {@code dev.crosstalk})
 * @param pom the POM published for it: for the agent, the shade plugin's reduced POM
 * @param jar the main jar, or null for the parent POM
 * @param sources the sources jar, or null
 * @param javadoc the Javadoc jar, or null
 */
record Published(String artifactId, Path pom, Path jar, Path sources, Path javadoc) {

    static final String GROUP_ID = "dev.crosstalk";

    /** The parent POM, the agent and the JUnit gate, in the order they must be installed. */
    static List<Published> all(Project project, String version) {
        Path root = project.root();
        Path agent = root.resolve("agent/target");
        Path junit = root.resolve("crosstalk-junit/target");
        String junitJar = "crosstalk-junit-" + version;
        return List.of(
                new Published("crosstalk-parent", root.resolve("pom.xml"), null, null, null),
                new Published("crosstalk-agent", agent.resolve("dependency-reduced-pom.xml"),
                        agent.resolve("crosstalk-agent.jar"), agent.resolve("crosstalk-agent-sources.jar"),
                        agent.resolve("crosstalk-agent-javadoc.jar")),
                new Published("crosstalk-junit", root.resolve("crosstalk-junit/pom.xml"),
                        junit.resolve(junitJar + ".jar"), junit.resolve(junitJar + "-sources.jar"),
                        junit.resolve(junitJar + "-javadoc.jar")));
    }

    static Published named(List<Published> all, String artifactId) {
        return all.stream().filter(p -> p.artifactId.equals(artifactId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not published: " + artifactId));
    }

    /** Fails with the build command when a file of this artifact has not been built. */
    Published requireBuilt() {
        for (Path file : new Path[] {pom, jar, sources, javadoc}) {
            if (file != null && !Files.isRegularFile(file)) {
                throw new IllegalStateException("Missing " + file + "; build it first: mvn -B package -DskipTests");
            }
        }
        return this;
    }
}
