package dev.crosstalk.agent.runtime;

import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.bootstrap.Hooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frameworks' concurrent caches (Spring's {@code SpringFactoriesLoader.cache},
 * {@code AnnotationTypeMappings.standardRepeatablesCache}, the event multicaster's retriever cache):
 * a new entry, itself a concurrent map or an object of volatile fields, is stored into the cache and
 * then filled, by {@code computeIfAbsent}/{@code putIfAbsent} or whole-value volatile writes, and
 * readers compute or skip what is missing. That is a cache warming up, not half-built state. The same
 * shapes filled with plain {@code put}s, into a {@code HashMap}, or into plain fields stay findings.
 */
class CacheFillsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, true);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000,
            type -> type == Retriever.class || type == PlainRetriever.class);

    /** Spring's CachedListenerRetriever: volatile fields, readers treat null as "not populated yet". */
    static final class Retriever {
        volatile Object listeners;
    }

    /** The same with a plain field. */
    static final class PlainRetriever {
        Object listeners;
    }

    private final StaticField cache = fields.field("org/acme/Loader", "cache", "Ljava/util/Map;");
    private final int method = sites.registerMethod("org.acme.Loader", "forLocation", "Loader.java");
    private final int readCache = sites.register("org.acme.Loader", "forLocation", "Loader.java", 10, cache, false,
            null, 0);
    private final int publish = sites.register("org.acme.Loader", "forLocation", "Loader.java", 11, null, false, null,
            method);
    private final int fill = sites.register("org.acme.Loader", "forLocation", "Loader.java", 12, null, false, null,
            method);
    private final int fillField = sites.register("org.acme.Loader", "forLocation", "Loader.java", 13, null, false,
            "listeners", method);

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    @Test
    void concurrentEntryFilledByComputeIfAbsentIsQuiet() {
        Map<Object, Object> entry = new ConcurrentHashMap<>();
        publishInto(new ConcurrentHashMap<>(), entry);
        recorder.containerOp(fill, ContainerOp.PUT_IF_ABSENT, entry, "META-INF/spring.factories", "loader");
        recorder.methodExit(method);
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void concurrentEntryFilledByPutIsStillPublishThenPopulate() {
        Map<Object, Object> entry = new ConcurrentHashMap<>();
        publishInto(new ConcurrentHashMap<>(), entry);
        recorder.containerOp(fill, ContainerOp.PUT, entry, "title", "T");
        recorder.methodExit(method);
        assertEquals(Severity.WARNING, RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).severity());
    }

    @Test
    void hashMapEntryFilledByComputeIfAbsentIsStillPublishThenPopulate() {
        Map<Object, Object> entry = new HashMap<>();
        publishInto(new ConcurrentHashMap<>(), entry);
        recorder.containerOp(fill, ContainerOp.PUT_IF_ABSENT, entry, "key", "value");
        recorder.methodExit(method);
        assertEquals(Severity.WARNING, RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).severity());
    }

    @Test
    void objectWhoseVolatileFieldIsSetAfterPublicationIsQuiet() {
        Retriever r = new Retriever();
        publishInto(new ConcurrentHashMap<>(), r);
        recorder.fieldAccess(fillField, r, true);
        recorder.methodExit(method);
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void objectWhosePlainFieldIsSetAfterPublicationIsStillPublishThenPopulate() {
        PlainRetriever r = new PlainRetriever();
        publishInto(new ConcurrentHashMap<>(), r);
        recorder.fieldAccess(fillField, r, true);
        recorder.methodExit(method);
        assertEquals(Severity.WARNING, RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).severity());
    }

    /** At start-up: the cache read from its static, the new entry stored under a key by putIfAbsent. */
    private void publishInto(Map<Object, Object> map, Object entry) {
        recorder.staticRead(readCache, map);
        recorder.containerOp(publish, ContainerOp.PUT_IF_ABSENT, map, "classLoader", entry);
    }

}
