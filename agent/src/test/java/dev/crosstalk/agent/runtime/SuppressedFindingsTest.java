package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.ThreadState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.Suppression;
import dev.crosstalk.bootstrap.Hooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A suppressed finding seen through the runtime: counted on every read, listed nowhere. */
class SuppressedFindingsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100,
            new Suppression(List.of("com.acme.Cache.MAP"), List.of(), List.of(), Map.of()));
    private final Recorder recorder = new Recorder(sites, fields, findings, 100, type -> false);

    private final StaticField cache = fields.field("com/acme/Cache", "MAP", "Ljava/util/Map;");
    private final int readCache = sites.register("com.acme.Cache", "get", "Cache.java", 10, cache, false);
    private final int put = sites.register("com.acme.Cache", "get", "Cache.java", 11, null, false);
    private final int get = sites.register("com.acme.Cache", "get", "Cache.java", 12, null, false);
    private final Map<String, String> map = new HashMap<>();

    @BeforeEach
    @AfterEach
    void noRequestOnThisThreadAndNoRuntime() {
        ThreadState.get().clear();
        Hooks.install(null);
    }

    @Test
    void suppressedFlowIsCountedButNeitherListedNorInTheInJvmApi() {
        inRequest("GET /a", () -> putValue("song-a"));
        inRequest("GET /b", () -> putValue("song-b"));
        for (int i = 0; i < 3; i++) {
            inRequest("GET /c", () -> {
                recorder.staticRead(readCache, map);
                recorder.containerOp(get, ContainerOp.GET, map, "kick", map.get("kick"));
            });
        }
        assertEquals(List.of(), findings.all());
        assertEquals(List.of(), recorder.findings());
        Hooks.install(recorder);
        assertEquals(List.of(), Hooks.findings());
        assertEquals(Map.of("state", 1L), findings.suppressedByReason());
        assertEquals(3, findings.suppressedOccurrences(), "each read of the other request's value counts");
    }

    private void putValue(String value) {
        recorder.staticRead(readCache, map);
        map.put("kick", value);
        recorder.containerOp(put, ContainerOp.PUT, map, "kick", value);
    }

    private void inRequest(String label, Runnable work) {
        Requests.inRequest(recorder, label, work);
    }
}
