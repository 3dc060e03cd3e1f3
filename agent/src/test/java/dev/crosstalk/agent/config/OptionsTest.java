package dev.crosstalk.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.instrument.EntryMethodProbe;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsTest {

    // ---- defaults -----------------------------------------------------------------------------

    @Test
    void noOptionsGiveTheDocumentedDefaults() throws Exception {
        assertDefaults(Options.parse(null));
    }

    @Test
    void blankOptionsGiveTheDocumentedDefaults() throws Exception {
        assertDefaults(Options.parse("  "));
    }

    private static void assertDefaults(Options o) {
        assertTrue(o.enabled);
        assertEquals("stderr", o.text);
        assertEquals(Severity.WARNING, o.textSeverity);
        assertNull(o.json);
        assertEquals(Severity.INFO, o.jsonSeverity);
        assertEquals(List.of(), o.include);
        assertEquals(List.of(), o.exclude);
        assertEquals(List.of(), o.entries);
        assertEquals(10_000, o.maxKeys);
        assertEquals(100_000, o.maxContainers);
        assertEquals(10_000, o.maxFindings);
        assertEquals(1_000_000, o.maxSites);
        assertEquals(200_000, o.maxFields);
        assertEquals(5_000, o.updateMillis);
        assertFalse(o.showKeys);
        assertTrue(o.selfTest);
        assertNull(o.jsonTcpHost);
        assertEquals(10_000, o.jsonTcpBuffer);
        assertEquals(".", o.report);
        assertEquals(List.of(), o.suppressStates);
        assertEquals(List.of(), o.suppressTypes);
        assertEquals(List.of(), o.suppressFingerprints);
        assertNull(o.baseline);
        assertNull(o.baselineWrite);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json-tcp=localhost", "json-tcp=localhost:0", "json-tcp=localhost:x", "json-tcp=:5000",
            "json-tcp-buffer=0", "report=", "suppress-type=cross-talk", "suppress-fingerprint=ct1-xyz", "baseline=",
            "suppress-state=;"})
    void invalidNewOptionsNameTheOptionAndWhatItAccepts(String pair) {
        String key = pair.substring(0, pair.indexOf('='));
        Options.Invalid e = assertThrows(Options.Invalid.class, () -> Options.parse(pair));
        assertTrue(e.getMessage().startsWith("crosstalk: option '" + key + "' accepts " + Options.ACCEPTS.get(key)),
                e.getMessage());
    }

    @Test
    void tcpTargetAndSuppressionListsAreParsed() throws Exception {
        Options o = Options.parse("json-tcp=logs.example:5170,suppress-type=cross-request-flow;threadlocal-carryover,"
                + "suppress-state=com.acme.*;org.x.Y.z,suppress-fingerprint=ct1-00112233445566ff,report=off");
        assertEquals("logs.example", o.jsonTcpHost);
        assertEquals(5170, o.jsonTcpPort);
        assertEquals(List.of("cross-request-flow", "threadlocal-carryover"), o.suppressTypes);
        assertEquals(List.of("com.acme.*", "org.x.Y.z"), o.suppressStates);
        assertEquals(List.of("ct1-00112233445566ff"), o.suppressFingerprints);
        assertNull(o.report);
    }

    @Test
    void everyDocumentedOptionIsAccepted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("ct.properties"), "show-keys=true\n");
        List<String> valid = List.of("enabled=false", "text=stdout", "text-severity=error", "json=/tmp/ct.json",
                "json-severity=warning", "include=com.acme", "exclude=com.acme.generated", "entry=com.acme.Worker#handle",
                "max-keys=5", "max-containers=6", "max-findings=7", "max-sites=8", "max-fields=9", "update-interval=2s", "show-keys=true",
                "self-test=false", "file-max-size=10MB", "file-max-count=3", "json-tcp=localhost:5000",
                "json-tcp-buffer=100", "report=/tmp/ct-report", "suppress-state=com.acme.Cache.*",
                "suppress-type=cross-request-flow", "suppress-fingerprint=ct1-0123456789abcdef",
                "baseline=/tmp/ct.baseline", "baseline-write=/tmp/ct.baseline.new", "config=" + config);
        assertEquals(Options.ACCEPTS.keySet(),
                valid.stream().map(p -> p.substring(0, p.indexOf('='))).collect(Collectors.toSet()),
                "the test covers every documented option");
        for (String pair : valid) {
            Options.parse(pair);
        }
    }

    // ---- valid values -------------------------------------------------------------------------

    @Test
    void allOptionsTogetherAreParsed() throws Exception {
        Options o = Options.parse("enabled=false,text=/var/log/ct.txt,text-severity=error,json=stdout,"
                + "json-severity=warning,include=com.acme,exclude=com.acme.generated,entry=com.acme.Worker#handle,"
                + "max-keys=5,max-containers=6,max-findings=7,max-sites=8,max-fields=9,update-interval=2s,show-keys=true,"
                + "self-test=false");
        assertFalse(o.enabled);
        assertEquals("/var/log/ct.txt", o.text);
        assertEquals(Severity.ERROR, o.textSeverity);
        assertEquals("stdout", o.json);
        assertEquals(Severity.WARNING, o.jsonSeverity);
        assertEquals(List.of("com.acme"), o.include);
        assertEquals(List.of("com.acme.generated"), o.exclude);
        assertEquals(List.of("com.acme.Worker#handle"), entries(o));
        assertEquals(5, o.maxKeys);
        assertEquals(6, o.maxContainers);
        assertEquals(7, o.maxFindings);
        assertEquals(8, o.maxSites);
        assertEquals(9, o.maxFields);
        assertEquals(2_000, o.updateMillis);
        assertTrue(o.showKeys);
        assertFalse(o.selfTest);
    }

    @Test
    void textAndJsonCanBeTurnedOff() throws Exception {
        Options o = Options.parse("text=off,json=off");
        assertNull(o.text);
        assertNull(o.json);
    }

    @Test
    void spacesAroundKeysAndValuesAreIgnored() throws Exception {
        Options o = Options.parse(" max-keys = 42 , text-severity= info ");
        assertEquals(42, o.maxKeys);
        assertEquals(Severity.INFO, o.textSeverity);
    }

    @Test
    void valueMayContainAnEqualsSign() throws Exception {
        assertEquals("/tmp/a=b.json", Options.parse("json=/tmp/a=b.json").json);
    }

    @ParameterizedTest
    @CsvSource({"100ms, 100", "500ms, 500", "5s, 5000", "2m, 120000", "1h, 3600000"})
    void updateIntervalTakesUnits(String value, long millis) throws Exception {
        assertEquals(millis, Options.parse("update-interval=" + value).updateMillis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10000000"})
    void countsAcceptTheirBounds(String value) throws Exception {
        assertEquals(Integer.parseInt(value), Options.parse("max-keys=" + value).maxKeys);
    }

    @Test
    void severitiesTakeEveryLevel() throws Exception {
        assertEquals(Severity.INFO, Options.parse("text-severity=info").textSeverity);
        assertEquals(Severity.WARNING, Options.parse("text-severity=warning").textSeverity);
        assertEquals(Severity.ERROR, Options.parse("json-severity=error").jsonSeverity);
    }

    @Test
    void semicolonSeparatesListValues() throws Exception {
        Options o = Options.parse("include=com.acme;org.example.,exclude=com.acme.gen;com.acme.proxy,"
                + "entry=com.acme.Worker#handle;com.acme.Job#run");
        assertEquals(List.of("com.acme", "org.example."), o.include);
        assertEquals(List.of("com.acme.gen", "com.acme.proxy"), o.exclude);
        assertEquals(List.of("com.acme.Worker#handle", "com.acme.Job#run"), entries(o));
    }

    @Test
    void repeatedIncludeAccumulates() throws Exception {
        Options o = Options.parse("include=com.acme,include=org.example;net.other");
        assertEquals(List.of("com.acme", "org.example", "net.other"), o.include);
    }

    @Test
    void repeatedEntryAccumulates() throws Exception {
        Options o = Options.parse("entry=com.acme.Worker#handle,entry=com.acme.Job#run");
        assertEquals(List.of("com.acme.Worker#handle", "com.acme.Job#run"), entries(o));
    }

    @Test
    void emptyPairsBetweenCommasAreSkipped() throws Exception {
        assertEquals(3, Options.parse("max-keys=3,,").maxKeys);
    }

    // ---- invalid values -----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "max-keys|lots",
        "max-keys|0",
        "max-keys|10000001",
        "max-findings|-1",
        "max-sites|0",
        "max-fields|many",
        "max-containers|1.5",
        "update-interval|5",
        "update-interval|50ms",
        "update-interval|2h",
        "update-interval|soon",
        "text-severity|loud",
        "json-severity|ERROR",
        "enabled|yes",
        "show-keys|1",
        "self-test|on",
        "include|com..acme",
        "include|com/acme",
        "exclude|1com",
        "entry|NoHash",
        "entry|a#b#c",
        "entry|#run",
        "entry|com.acme.Worker#",
    })
    void invalidValueIsReportedWithTheOptionAndWhatItAccepts(String key, String value) {
        Options.Invalid e = assertThrows(Options.Invalid.class, () -> Options.parse(key + "=" + value));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(Options.ACCEPTS.get(key)), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"include", "exclude", "entry", "text", "json"})
    void emptyValueIsReportedWithTheOptionAndWhatItAccepts(String key) {
        Options.Invalid e = assertThrows(Options.Invalid.class, () -> Options.parse(key + "="));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(Options.ACCEPTS.get(key)), e.getMessage());
    }

    @Test
    void invalidValueAmongValidOnesIsStillReported() {
        Options.Invalid e = assertThrows(Options.Invalid.class,
                () -> Options.parse("include=com.acme,max-keys=lots,text=stdout"));
        assertTrue(e.getMessage().contains("'max-keys'"), e.getMessage());
    }

    @Test
    void unknownOptionIsNamedAndKnownOptionsListed() {
        Options.Invalid e = assertThrows(Options.Invalid.class, () -> Options.parse("colour=red"));
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
        for (String known : Options.ACCEPTS.keySet()) {
            assertTrue(e.getMessage().contains(known), "lists " + known + ": " + e.getMessage());
        }
    }

    @Test
    void pairWithoutEqualsIsNamedAndKnownOptionsListed() {
        Options.Invalid e = assertThrows(Options.Invalid.class, () -> Options.parse("show-keys"));
        assertTrue(e.getMessage().contains("'show-keys'"), e.getMessage());
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
        for (String known : Options.ACCEPTS.keySet()) {
            assertTrue(e.getMessage().contains(known), "lists " + known + ": " + e.getMessage());
        }
    }

    @Test
    void pairWithEmptyKeyIsReported() {
        Options.Invalid e = assertThrows(Options.Invalid.class, () -> Options.parse("=5"));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    private static List<String> entries(Options o) {
        return o.entries.stream().map(EntryMethodProbe::describe).collect(Collectors.toList());
    }
}
