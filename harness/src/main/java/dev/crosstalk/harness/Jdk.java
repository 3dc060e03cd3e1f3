package dev.crosstalk.harness;

import java.nio.file.Path;

/**
 * One JDK installation to run test apps on.
 *
 * @param name short label such as {@code jdk17}, used as the JUnit display name
 * @param home the JDK home directory
 */
public record Jdk(String name, Path home) {

    /** The {@code java} launcher of this JDK. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
        return name;
    }
}
