package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.crosstalk.agent.detect.Mutations;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.ContainerOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of container operation reaches a case of its own in each switch that tells the kinds
 * apart (the recorder's, its publication and guard windows', the mutation detector's): a kind added
 * to {@link ContainerOp} and forgotten in one of them throws {@link ContainerOp#unhandled()} here.
 */
class ContainerOpsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> false);
    private final StaticField entries = fields.field("com/acme/Registry", "ENTRIES", "Ljava/util/Map;");
    private final StaticField ready = fields.field("com/acme/Registry", "ready", "Z");
    private final int method = sites.registerMethod("com.acme.Registry", "load", "Registry.java");
    private final int store = sites.register("com.acme.Registry", "load", "Registry.java", 10, entries, false,
            null, method);
    private final int flag = sites.register("com.acme.Registry", "load", "Registry.java", 11, ready, false,
            null, method);
    private final int use = sites.register("com.acme.Registry", "load", "Registry.java", 12, null, false);

    @Test
    void theRecorderHandlesEveryKindInsideAndOutsideWindows() {
        for (ContainerOp op : ContainerOp.values()) {
            Map<Object, Object> map = new HashMap<>(Map.of("k", "v"));
            Requests.inRequest(recorder, "GET /load", () -> assertDoesNotThrow(() -> {
                recorder.staticWrite(store, map, 0L); // a fresh container in a request: a publication window
                recorder.staticWrite(flag, null, 1L); // a guard flag set true: a guard window
                send(op, map);
                recorder.methodExit(method);
            }, op::name));
            Requests.inRequest(recorder, "GET /use", () -> assertDoesNotThrow(() -> {
                recorder.staticRead(store, map);
                send(op, map);
            }, op::name));
            assertDoesNotThrow(() -> send(op, map), op::name); // outside requests
        }
    }

    @Test
    void theMutationDetectorHandlesEveryKind() {
        Mutations mutations = new Mutations(findings, sites, 100, o -> true);
        for (ContainerOp op : ContainerOp.values()) {
            List<Object> list = new ArrayList<>(List.of("a"));
            Requests.inRequest(recorder, "GET /use", () -> assertDoesNotThrow(
                    () -> mutations.containerOp(sites.get(use), op, list, key(op), value(op),
                            ThreadState.get().activeRequest(), "com.acme.Registry.LIST"), op::name));
        }
    }

    private void send(ContainerOp op, Object container) {
        recorder.containerOp(use, op, container, key(op), value(op));
    }

    private static Object key(ContainerOp op) {
        return op == ContainerOp.INDEX_GET || op == ContainerOp.INDEX_SET ? (Object) 0 : "k";
    }

    private static Object value(ContainerOp op) {
        if (op == ContainerOp.CONTAINS) {
            return Boolean.TRUE;
        }
        return op == ContainerOp.PUT_ALL ? Map.of("k", "w") : "w";
    }
}
