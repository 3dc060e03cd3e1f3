package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.Hooks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries under a key only the publisher can name: Tomcat's {@code NioEndpoint.connections} stores a
 * socket wrapper under the socket it has just accepted, then sets the wrapper's plain
 * {@code interestOps} while registering it with the poller, which gets it through a synchronized
 * queue. Nobody can look the entry up before being handed the socket, so those fills are no
 * {@code publish-then-populate}; a thread that did reach the entry early and missed a field is still a
 * {@code partial-init-read}. The same fills under a key others can name (a string, a class, an enum
 * constant, an object already shared) stay findings.
 */
class PrivateEntryKeysTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, true);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> type == Wrapper.class);

    /** The socket wrapper: a plain field set after the wrapper went into the map. */
    static final class Wrapper {
        int interestOps;
    }

    /** An accepted socket: compared by identity, held by the acceptor alone. */
    static final class Socket {
    }

    enum Protocol { HTTP }

    private final StaticField connections = fields.field("org/acme/Endpoint", "connections", "Ljava/util/Map;");
    private final int method = sites.registerMethod("org.acme.Endpoint", "setSocketOptions", "Endpoint.java");
    private final int readMap = sites.register("org.acme.Endpoint", "setSocketOptions", "Endpoint.java", 739,
            connections, false, null, 0);
    private final int put = sites.register("org.acme.Endpoint", "setSocketOptions", "Endpoint.java", 740, null,
            false, null, method);
    private final int fill = sites.register("org.acme.Endpoint", "register", "Endpoint.java", 1496, null, false,
            "interestOps", method);
    private final int poll = sites.register("org.acme.Endpoint", "events", "Endpoint.java", 820, null, false,
            "interestOps", 0);
    private final Map<Object, Object> map = new ConcurrentHashMap<>();

    @BeforeEach
    void mapHeldInAStatic() {
        recorder.staticRead(readMap, map);
    }

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    @Test
    void wrapperFilledUnderAFreshIdentityKeyIsQuiet() {
        publishAndFill(new Socket(), new Wrapper());
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void aReaderThatReachedTheWrapperBeforeItsFillIsStillAPartialInitRead() {
        Wrapper w = new Wrapper();
        recorder.containerOp(put, dev.crosstalk.bootstrap.ContainerOp.PUT, map, new Socket(), w);
        Requests.onOtherThread("poller", () -> recorder.fieldAccess(poll, w, false));
        recorder.fieldAccess(fill, w, true);
        recorder.methodExit(method);
        Finding read = RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ);
        assertEquals(List.of(Severity.ERROR, "org.acme.Endpoint.connections[" + "*" + "].interestOps"),
                List.of(read.severity(), read.state().replaceAll("\\[[^]]*]", "[*]")),
                RecordedFindings.describe(findings));
        assertEquals(List.of(), RecordedFindings.of(findings, FindingType.PUBLISH_THEN_POPULATE),
                RecordedFindings.describe(findings));
    }

    @Test
    void underAStringKeyItIsPublishThenPopulate() {
        assertPublishThenPopulate("10.0.0.7:51234");
    }

    @Test
    void underAClassKeyItIsPublishThenPopulate() {
        assertPublishThenPopulate(Socket.class);
    }

    @Test
    void underAnEnumConstantItIsPublishThenPopulate() {
        assertPublishThenPopulate(Protocol.HTTP);
    }

    @Test
    void underAnIdentityKeyOtherRequestsCanReachItIsPublishThenPopulate() {
        Socket singleton = new Socket();
        recorder.constructed(singleton); // made at start-up, outside any request: every request can reach it
        assertPublishThenPopulate(singleton);
    }

    private void assertPublishThenPopulate(Object key) {
        publishAndFill(key, new Wrapper());
        Finding p = RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of(Severity.WARNING, List.of("interestOps at org.acme.Endpoint.register(Endpoint.java:1496)")),
                List.of(p.severity(), p.details().get("fillsAfterPublication")), RecordedFindings.describe(findings));
    }

    private void publishAndFill(Object key, Wrapper w) {
        recorder.containerOp(put, dev.crosstalk.bootstrap.ContainerOp.PUT, map, key, w);
        recorder.fieldAccess(fill, w, true);
        recorder.methodExit(method);
    }
}
