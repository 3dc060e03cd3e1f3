package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.ContainerOp;
import dev.crosstalk.bootstrap.FieldHooks;
import dev.crosstalk.bootstrap.Gates;
import dev.crosstalk.bootstrap.Hooks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A container held by a shared object's field becomes tracked when a request reads the field through
 * the bootstrap hook ({@link FieldHooks#getContainerField}), and only then do its entries carry flows.
 * The hook used to skip containers whose bit in the containers' identity-hash filter was set, but that
 * bit may belong to another object: the container was then never tracked and its bug never reported
 * (seen once in CI, on the WebFlux test app's quote handler). Now the runtime settles the read's site
 * on the container it tracked, so the same read again still costs the hook one compare.
 */
class ReachedContainersTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> false);
    /** Reads of container fields that reached the runtime. */
    private final AtomicInteger reached = new AtomicInteger();

    /** A handler singleton made at start-up; it keeps "the latest" symbol under one key, not the asker's. */
    static final class QuoteHandler {
        final Map<String, String> quotes = new ConcurrentHashMap<>();
    }

    private final StaticField quotes = fields.field("com/acme/QuoteHandler", "quotes", "Ljava/util/Map;");
    private final int readQuotes = sites.register("com.acme.QuoteHandler", "quote", "QuoteHandler.java", 31, quotes,
            false);
    private final int putLatest = sites.register("com.acme.QuoteHandler", "quote", "QuoteHandler.java", 31, null,
            false);
    private final int getLatest = sites.register("com.acme.QuoteHandler", "lambda$quote$0", "QuoteHandler.java", 32,
            null, false);

    private final StaticField registry = fields.field("com/acme/Registry", "QUOTES", "Ljava/util/Map;");
    private final int storeRegistry = sites.register("com.acme.Registry", "<clinit>", "Registry.java", 9, registry,
            false);

    @BeforeEach
    void install() {
        ThreadState.get().clear();
        CountingSink.install(recorder, "containerReached", reached);
    }

    @AfterEach
    void uninstall() {
        ThreadState.get().clear();
        Hooks.install(null);
    }

    @Test
    void aContainerWhoseFilterBitAnotherObjectSetIsTrackedWhenReached() {
        QuoteHandler handler = new QuoteHandler();
        recorder.constructed(handler); // a singleton, made at start-up
        Object neighbour = collidingWith(handler.quotes);
        Gates.admit(neighbour); // say, a container some publication admitted
        assertTrue(Gates.maybeTracked(handler.quotes), "the handler's map shares its filter bit with the neighbour");

        latestOneKeyQuotes(handler);

        Finding f = RecordedFindings.only(findings, FindingType.CROSS_REQUEST_FLOW);
        assertEquals(List.of(Severity.ERROR, "GET /quote/bob", "GET /quote/carol"),
                List.of(f.severity(), f.writer().label(), f.reader().label()), RecordedFindings.describe(findings));
        assertTrue(f.state().startsWith("com.acme.QuoteHandler.quotes["), f.state());
    }

    @Test
    void aMapKeyedByWhatEachRequestAskedForStaysQuietThoughItsFilterBitCollides() {
        QuoteHandler handler = new QuoteHandler();
        recorder.constructed(handler);
        Gates.admit(collidingWith(handler.quotes));
        for (String user : List.of("alice", "bob", "alice")) {
            Requests.inRequest(recorder, "GET /fixed/quote/" + user, () -> {
                Map<String, String> m = read(handler);
                String upper = user.toUpperCase(java.util.Locale.ROOT);
                m.put(user, upper);
                recorder.containerOp(putLatest, ContainerOp.PUT, m, user, upper);
                recorder.containerOp(getLatest, ContainerOp.GET, m, user, m.get(user));
            });
        }
        assertEquals(1, recorder.trackedContainers(), "tracked, so its entries are judged");
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void theSameContainerReadAgainAtTheSameSiteReachesTheRuntimeOnce() {
        QuoteHandler handler = new QuoteHandler();
        recorder.constructed(handler);
        for (int i = 0; i < 100; i++) {
            Requests.inRequest(recorder, "GET /quote", () -> FieldHooks.getContainerField(handler, handler.quotes,
                    readQuotes));
        }
        assertEquals(1, reached.get(), "settled on the map once it was tracked");
        assertEquals(1, recorder.trackedContainers());

        QuoteHandler second = new QuoteHandler(); // a second bean of the same class: its own map, same site
        recorder.constructed(second);
        Requests.inRequest(recorder, "GET /quote", () -> FieldHooks.getContainerField(second, second.quotes,
                readQuotes));
        assertEquals(2, reached.get(), "another map at the same site is decided again");
        assertEquals(2, recorder.trackedContainers());
    }

    @Test
    void aContainerTrackedUnderAStaticKeepsThatNameWhenAlsoReachedThroughAField() {
        QuoteHandler handler = new QuoteHandler();
        recorder.constructed(handler);
        recorder.staticWrite(storeRegistry, handler.quotes, 0L); // Registry.QUOTES = handler.quotes, at start-up

        latestOneKeyQuotes(handler);

        Finding f = RecordedFindings.only(findings, FindingType.CROSS_REQUEST_FLOW);
        assertTrue(f.state().startsWith("com.acme.Registry.QUOTES["), f.state());
    }

    /** Alice and Bob each put their symbol under "latest"; Carol is quoted Bob's. */
    private void latestOneKeyQuotes(QuoteHandler handler) {
        for (String user : List.of("alice", "bob")) {
            Requests.inRequest(recorder, "GET /quote/" + user, () -> {
                Map<String, String> m = read(handler);
                m.put("latest", user);
                recorder.containerOp(putLatest, ContainerOp.PUT, m, "latest", user);
            });
        }
        Requests.inRequest(recorder, "GET /quote/carol", () -> {
            Map<String, String> m = read(handler);
            recorder.containerOp(getLatest, ContainerOp.GET, m, "latest", m.get("latest"));
        });
    }

    private Map<String, String> read(QuoteHandler handler) {
        Map<String, String> m = handler.quotes;
        FieldHooks.getContainerField(handler, m, readQuotes);
        return m;
    }

    /** An object whose identity hash has the same low sixteen bits as {@code target}'s (the filter's size). */
    private static Object collidingWith(Object target) {
        int want = System.identityHashCode(target) & 0xffff;
        for (int i = 0; i < 50_000_000; i++) {
            Object o = new Object();
            if ((System.identityHashCode(o) & 0xffff) == want) {
                return o;
            }
        }
        throw new AssertionError("no object with identity hash bits " + want);
    }
}
