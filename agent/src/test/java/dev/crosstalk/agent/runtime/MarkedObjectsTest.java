package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.ThreadState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.bootstrap.Hooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Objects of a class marked as shared on purpose are neither containers nor structs; their twins are. */
class MarkedObjectsTest {
    /** Stands for a map subclass annotated {@code @ThreadSafe}. */
    static final class MarkedMap extends HashMap<String, String> {
    }

    static final class PlainMap extends HashMap<String, String> {
    }

    /** Stands for a settings bean annotated {@code @ThreadSafe}. */
    static final class MarkedBean {
        String title;
    }

    static final class PlainBean {
        String title;
    }

    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 100,
            type -> type == MarkedBean.class || type == PlainBean.class,
            type -> type == MarkedMap.class || type == MarkedBean.class);

    private final StaticField cache = fields.field("com/acme/Cache", "MAP", "Ljava/util/Map;");
    private final int readCache = sites.register("com.acme.Cache", "get", "Cache.java", 10, cache, false);
    private final int put = sites.register("com.acme.Cache", "get", "Cache.java", 11, null, false);
    private final int get = sites.register("com.acme.Cache", "get", "Cache.java", 12, null, false);

    private final StaticField current = fields.field("com/acme/App", "current", "Ljava/lang/Object;");
    private final int method = sites.registerMethod("com.acme.App", "start", "App.java");
    private final int publish = sites.register("com.acme.App", "start", "App.java", 20, current, false, null, method);
    private final int setTitle = sites.register("com.acme.App", "start", "App.java", 21, null, false, "title", 0);

    @BeforeEach
    @AfterEach
    void noRequestOnThisThread() {
        ThreadState.get().clear();
    }

    @Test
    void markedMapInAStaticFieldIsNotTrackedAsAContainer() {
        incompletelyKeyedCache(new MarkedMap());
        assertEquals(List.of(), types());
    }

    @Test
    void unmarkedTwinIsTracked() {
        incompletelyKeyedCache(new PlainMap());
        assertEquals(List.of("cross-request-flow error"), types());
    }

    @Test
    void markedBeanPublishedThenFilledOpensNoWindow() {
        inRequest("GET /start", () -> publishThenFill(new MarkedBean()));
        assertEquals(List.of(), types());
    }

    @Test
    void unmarkedBeanPublishedThenFilledIsPublishThenPopulate() {
        inRequest("GET /start", () -> publishThenFill(new PlainBean()));
        assertEquals(List.of("publish-then-populate error"), types());
    }

    /** Two requests give one key different values; a third reads the second's. */
    private void incompletelyKeyedCache(Map<String, String> map) {
        inRequest("GET /a", () -> putValue(map, "song-a"));
        inRequest("GET /b", () -> putValue(map, "song-b"));
        inRequest("GET /c", () -> {
            recorder.staticRead(readCache, map);
            recorder.containerOp(get, ContainerOp.GET, map, "kick", map.get("kick"));
        });
    }

    private void putValue(Map<String, String> map, String value) {
        recorder.staticRead(readCache, map);
        map.put("kick", value);
        recorder.containerOp(put, ContainerOp.PUT, map, "kick", value);
    }

    private void publishThenFill(Object bean) {
        recorder.staticWrite(publish, bean, 0L);
        recorder.fieldAccess(setTitle, bean, true);
        recorder.methodExit(method);
    }

    private void inRequest(String label, Runnable work) {
        Requests.inRequest(recorder, label, work);
    }

    private List<String> types() {
        return findings.all().stream().map(MarkedObjectsTest::describe).collect(Collectors.toList());
    }

    private static String describe(Finding f) {
        return f.type().id() + " " + f.severity().label();
    }
}
