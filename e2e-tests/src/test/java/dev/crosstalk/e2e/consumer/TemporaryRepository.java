package dev.crosstalk.e2e.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.harness.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away local repository that consumer builds install into and resolve from, offline.
 *
 * <p>The local repository of this build (shared with whoever else builds on the machine) is only read:
 * {@code settings.xml} names it as the {@code file://} repository {@code central}, for releases only, and
 * {@code -Daether.offline.protocols=file} lets {@code mvn -o} read it. So third-party plugins and libraries
 * come from what this build fetched, while this project's artifacts can only come from here: a stale
 * {@code dev.crosstalk} snapshot there is never used, and nothing is written there.
 */
final class TemporaryRepository {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir;
    private final Path settings;

    private TemporaryRepository(Path dir, Path settings) {
        this.dir = dir;
        this.settings = settings;
    }

    /** A repository in {@code workDir} (empty) that reads third-party artifacts from {@code thirdParty}. */
    static TemporaryRepository create(Path workDir, Path thirdParty) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("repository"));
        Path settings = workDir.resolve("settings.xml");
        String central = "<id>central</id><url>" + thirdParty.toUri() + "</url>"
                + "<releases><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        Files.writeString(settings, "<settings>\n"
                + "  <localRepository>" + dir + "</localRepository>\n"
                + "  <profiles><profile><id>this-build</id>\n"
                + "    <repositories><repository>" + central + "</repository></repositories>\n"
                + "    <pluginRepositories><pluginRepository>" + central + "</pluginRepository></pluginRepositories>\n"
                + "  </profile></profiles>\n"
                + "  <activeProfiles><activeProfile>this-build</activeProfile></activeProfiles>\n"
                + "</settings>\n", StandardCharsets.UTF_8);
        return new TemporaryRepository(dir, settings);
    }

    /** The arguments of an offline Maven run on this repository. */
    List<String> offlineArgs() {
        return List.of("-B", "-o", "-s", settings.toString(), "-Daether.offline.protocols=file",
                "-Dmaven.repo.local=" + dir);
    }

    /** Installs {@code artifact} with the install plugin, as {@code mvn install} of this project would. */
    void install(Maven maven, Jdk jdk, String installPluginVersion, Published artifact) throws IOException {
        List<String> args = new ArrayList<>(offlineArgs());
        args.add("org.apache.maven.plugins:maven-install-plugin:" + installPluginVersion + ":install-file");
        args.add("-DpomFile=" + artifact.pom());
        args.add("-Dfile=" + (artifact.jar() == null ? artifact.pom() : artifact.jar()));
        if (artifact.sources() != null) {
            args.add("-Dsources=" + artifact.sources());
        }
        if (artifact.javadoc() != null) {
            args.add("-Djavadoc=" + artifact.javadoc());
        }
        Path log = dir.resolveSibling("install-" + artifact.artifactId() + ".log");
        Maven.Run run = maven.run(jdk, dir.getParent(), log, INSTALL_TIMEOUT, args);
        assertEquals(0, run.exitCode(), () -> "installing " + artifact + " failed: " + run.command() + "\n"
                + run.tail(6000));
    }

    /** Where an installed artifact of this project lies: {@code classifierAndExtension} as {@code .jar}, {@code -sources.jar}. */
    Path installed(String artifactId, String version, String classifierAndExtension) {
        return dir.resolve(Published.GROUP_ID.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + classifierAndExtension);
    }
}
