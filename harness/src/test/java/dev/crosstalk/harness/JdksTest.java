package dev.crosstalk.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdksTest {

    @Test
    void aListedJdkWithoutJavaIsAnError(@TempDir Path notAJdk) {
        String current = System.getProperty("java.home");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Jdks.parse(current + "," + notAJdk));
        assertTrue(e.getMessage().contains(notAJdk.resolve("bin").resolve("java").toString()), e.getMessage());
    }

    @Test
    void namesAJdkByItsFeatureRelease() {
        List<Jdk> jdks = Jdks.parse(" " + System.getProperty("java.home") + " ,");
        assertEquals(1, jdks.size());
        assertEquals("jdk" + Runtime.version().feature(), jdks.get(0).toString());
        assertTrue(jdks.get(0).java().toFile().canExecute());
    }

    @Test
    void readsMajorVersions() {
        assertEquals(17, Jdks.majorOf("17.0.15"));
        assertEquals(25, Jdks.majorOf("25"));
        assertEquals(26, Jdks.majorOf("26-ea"));
        assertEquals(8, Jdks.majorOf("1.8.0_402"));
    }

    @Test
    void theConfiguredJdksAreDistinctReleases() {
        List<Jdk> jdks = Jdks.all();
        assertEquals(jdks.size(), jdks.stream().map(Jdk::name).distinct().count(), jdks.toString());
    }
}
