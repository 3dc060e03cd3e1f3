package dev.crosstalk.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void defaults() {
        BenchOptions o = BenchOptions.parse();
        assertEquals(new BenchOptions("remixer", "/tempo?song=0", "", 3, 5, 10, 4, null, null, false,
                null, "--server.port={port}", null, 0, 1000, null, false, 0), o);
    }

    @Test
    void parsesBothOptionForms() {
        BenchOptions o = BenchOptions.parse("--app", "userinfo-jdkhttp", "--path=/user?id=1", "--agent-options",
                "json=/tmp/f.jsonl,sample=1", "--rounds", "1", "--warmup=0", "--seconds", "3", "--clients=8",
                "--jdk", "/opt/jdk", "--app-cpus", "0");
        assertEquals(new BenchOptions("userinfo-jdkhttp", "/user?id=1", "json=/tmp/f.jsonl,sample=1", 1, 0, 3, 8,
                "/opt/jdk", "0", false, null, "--server.port={port}", null, 0, 1000, null, false, 0), o);
        assertTrue(BenchOptions.parse("--rounds", "2", "--help").help());
        assertNull(BenchOptions.parse("--help").jdkHome());
        assertTrue(BenchOptions.parse("--together", "--rounds", "2").together());
        assertEquals(2, BenchOptions.parse("--together", "--rounds", "2").rounds());
        assertEquals(5, BenchOptions.parse("--interleave", "5", "--seconds", "20").interleave());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--interleave", "5", "--together"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--interleave", "20", "--seconds", "10"));
    }

    @Test
    void parsesTheRealApplicationAndSoakOptions() {
        BenchOptions o = BenchOptions.parse("--jar", "/apps/petclinic.jar", "--otel=/jars/otel.jar", "--port-arg",
                "--port={port}", "--path", "/owners/{user},/vets", "--soak", "1000000", "--users=100000", "--agent-jar",
                "/old/crosstalk-agent.jar");
        assertEquals("/apps/petclinic.jar", o.jar());
        assertEquals("petclinic.jar", o.appName());
        assertEquals("/jars/otel.jar", o.otel());
        assertEquals("--port={port}", o.portArg());
        assertEquals(1_000_000, o.soak());
        assertEquals(100_000, o.users());
        assertEquals("/old/crosstalk-agent.jar", o.agentJar());
        assertEquals("/owners/0", Bench.firstPath(o.path()));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--port-arg", "--port=8080"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--path", "/a,b"));
    }

    @Test
    void heapInUseIsSummedOverGenerationsOrTakenFromTheHeapLine() {
        String serial = "2154:\n def new generation   total 116160K, used 47920K [0x0, 0x1)\n"
                + "  eden space 103296K,  45% used [0x0, 0x1)\n"
                + " tenured generation   total 258048K, used 20000K [0x1, 0x2)\n"
                + " Metaspace       used 60118K, committed 60608K, reserved 1105920K\n";
        assertEquals(67920, Soak.heapUsedKb(serial));
        String g1 = "99:\n garbage-first heap   total 258048K, used 22118K [0x0, 0x1)\n"
                + "  region size 1024K, 2 young (2048K), 0 survivors (0K)\n"
                + " Metaspace       used 60118K, committed 60608K, reserved 1105920K\n";
        assertEquals(22118, Soak.heapUsedKb(g1));
        String serial25 = "99:\nDefNew     total 116160K, used 31005K [0x0, 0x1, 0x2)\n"
                + " eden space 103296K,  30% used [0x0, 0x1, 0x2)\n"
                + "Tenured    total 258048K, used 1166K [0x0, 0x1, 0x2)\n"
                + " the  space 258048K,   0% used [0x0, 0x1, 0x2, 0x3)\n";
        assertEquals(32171, Soak.heapUsedKb(serial25));
        assertEquals(-1, Soak.heapUsedKb("no such process"));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--rounds", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--clients", "many"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--seconds"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--path", "tempo"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--colour", "red"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("remixer"));
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertEquals(2.0, Bench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Bench.median(new double[] {4, 1, 3, 2}));
        assertEquals(5.0, Bench.median(new double[] {5}));
    }
}
