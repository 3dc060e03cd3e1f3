package dev.crosstalk.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTest {

    @TempDir
    Path dir;

    @Test
    void measuresAClosedLoopAndStopsAtTheFirstError() {
        try (AppProcess app = AppProcess.builder()
                .mainClass(AppProcessTest.testClasses(), EchoApp.class.getName()).workDir(dir).start()) {
            Http http = Http.to(app);

            Load.Result ok = Load.run(http, "/", 2, Duration.ofSeconds(1));
            assertEquals(0, ok.errors(), ok.firstError());
            assertTrue(ok.requests() > 10, "requests: " + ok.requests());
            assertEquals(ok.requests(), ok.latenciesMicros().length);
            assertTrue(ok.percentileMicros(50) <= ok.percentileMicros(99));
            assertTrue(ok.elapsed().compareTo(Duration.ofSeconds(1)) >= 0, ok.elapsed().toString());

            Load.Result chunked = Load.run(http, "/chunked", 2, Duration.ofSeconds(1));
            assertEquals(0, chunked.errors(), chunked.firstError());
            assertTrue(chunked.requests() > 10, "requests: " + chunked.requests());

            Load.Result failing = Load.run(http, "/missing", 2, Duration.ofSeconds(5));
            assertTrue(failing.errors() > 0);
            assertTrue(failing.firstError().contains("404: no such page: /missing"), failing.firstError());
            assertTrue(failing.elapsed().compareTo(Duration.ofSeconds(2)) < 0, "stopped early: " + failing.elapsed());
        }
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(99, Load.percentile(sorted, 99));
        assertEquals(50, Load.percentile(sorted, 50));
        assertEquals(100, Load.percentile(sorted, 100));
        assertEquals(7, Load.percentile(new long[] {7}, 99));
        assertEquals(0, Load.percentile(new long[0], 99));
    }

    @Test
    void slicesOfALoadAddUpToOneResult() {
        Load.Result a = new Load.Result(3, 0, null, java.time.Duration.ofSeconds(1), new long[] {5, 7, 9});
        Load.Result b = new Load.Result(2, 1, "status 500", java.time.Duration.ofSeconds(2), new long[] {1, 8});
        Load.Result both = Load.Result.combine(java.util.List.of(a, b));
        assertEquals(5, both.requests());
        assertEquals(1, both.errors());
        assertEquals("status 500", both.firstError());
        assertEquals(5 / 3.0, both.throughput(), 1e-9);
        assertEquals(java.util.List.of(1L, 5L, 7L, 8L, 9L), java.util.Arrays.stream(both.latenciesMicros()).boxed().toList());
        assertEquals(8, both.percentileMicros(80));
    }
}
