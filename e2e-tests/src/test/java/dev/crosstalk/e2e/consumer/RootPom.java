package dev.crosstalk.e2e.consumer;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * This project's root POM: its version, properties and managed plugin versions, so that a consumer build
 * uses exactly the versions this build used (and so put into the local repository).
 */
final class RootPom {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path file;
    private final Element project;

    RootPom(Path file) {
        this.file = file;
        this.project = Xml.parse(file);
    }

    String version() {
        return Xml.text(project, "version");
    }

    /** The value of property {@code name}; fails when the POM has none. */
    String property(String name) {
        String value = Xml.text(project, "properties", name);
        if (value == null) {
            throw new IllegalStateException(file + " has no property " + name);
        }
        return value;
    }

    /** The version pluginManagement gives {@code artifactId}, with properties replaced; fails when none. */
    String pluginVersion(String artifactId) {
        for (Element plugin : Xml.children(Xml.child(project, "build", "pluginManagement", "plugins"), "plugin")) {
            if (artifactId.equals(Xml.text(plugin, "artifactId"))) {
                return resolve(Xml.text(plugin, "version"));
            }
        }
        throw new IllegalStateException(file + " manages no plugin " + artifactId);
    }

    private String resolve(String value) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(property(m.group(1))));
        }
        return m.appendTail(out).toString();
    }
}
