package com.acme.shop;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not part of a user's project: records, for the test that builds this project, which agent jar and which
 * crosstalk-junit jar the test JVM used and which Java ran it (target/consumer-jvm.txt).
 */
class JvmProbeTest {

    @Test
    void recordTheJvm() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:")) {
                lines.add("agent=" + arg.substring("-javaagent:".length()));
            }
        }
        Class<?> gate = Class.forName("dev.crosstalk.junit.CrosstalkGate");
        lines.add("junit=" + Path.of(gate.getProtectionDomain().getCodeSource().getLocation().toURI()));
        lines.add("java.home=" + System.getProperty("java.home"));
        Files.write(Path.of("target", "consumer-jvm.txt"), lines, StandardCharsets.UTF_8);
    }
}
