package dev.crosstalk.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.bootstrap.RequestCarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Work a request hands on outside the JDK executors, driven the way the handoff hooks drive it: a thread
 * started and a timer task made inside a request run as that request; a Reactor Netty exchange is one
 * request across its event-loop segments and inbound events. Each next to its look-alike made outside a
 * request, which stays "no request" and quiet.
 */
class ServerRequestsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> false);
    private final ServerRequests handoffs = new ServerRequests(recorder);

    // com.acme.Export.current, per-request data in a static
    private final StaticField current = fields.field("com/acme/Export", "current", "Ljava/lang/String;");
    private final int write = sites.register("com.acme.ExportServlet", "doGet", "ExportServlet.java", 28, current, false);
    private final int read = sites.register("com.acme.ExportServlet", "lambda$doGet$0", "ExportServlet.java", 32,
            current, false);

    /** Reactor Netty's {@code HttpServerState}, as far as the runtime looks at it. */
    enum State { REQUEST_RECEIVED, RESPONSE_COMPLETED }

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    @Test
    void threadStartedInARequestReadsAsThatRequest() throws Exception {
        Thread[] worker = new Thread[1];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Requests.inRequest(recorder, "GET /export", () -> {
            recorder.staticWrite(write, "alice", 0L);
            worker[0] = new Thread(() -> guarded(failure, () -> recorder.staticRead(read, "bob")), "report-worker");
            handoffs.threadStarting(worker[0]);
        });
        Requests.inRequest(recorder, "GET /export", () -> recorder.staticWrite(write, "bob", 0L));
        worker[0].start();
        worker[0].join(5000);
        assertNull(failure.get());
        assertEquals(List.of("error GET /export (request 2) -> GET /export (request 1) on report-worker"), flows());
    }

    @Test
    void threadStartedOutsideRequestsIsNoRequest() throws Exception {
        Requests.inRequest(recorder, "GET /export", () -> recorder.staticWrite(write, "alice", 0L));
        Requests.inRequest(recorder, "GET /export", () -> recorder.staticWrite(write, "bob", 0L));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> guarded(failure, () -> recorder.staticRead(read, "bob")), "report-worker");
        handoffs.threadStarting(worker);
        worker.start();
        worker.join(5000);
        assertNull(failure.get());
        assertEquals(List.of(), flows());
    }

    @Test
    void timerTaskMadeInARequestRunsAsThatRequestAndLeavesTheTimerThreadClean() throws Exception {
        Object task = new Object();
        Object startupTask = new Object();
        Requests.inRequest(recorder, "GET /remind", () -> {
            recorder.staticWrite(write, "alice", 0L);
            handoffs.timerTaskMade(task);
        });
        handoffs.timerTaskMade(startupTask);
        Requests.inRequest(recorder, "GET /remind", () -> recorder.staticWrite(write, "bob", 0L));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread timer = new Thread(() -> guarded(failure, () -> {
            Object token = handoffs.timerTaskRuns(task);
            recorder.staticRead(read, "bob");
            handoffs.taskDone(token);
            assertNull(ThreadState.get().activeRequest(), "the timer thread is back to no request");
            assertNull(handoffs.timerTaskRuns(startupTask), "a task made outside requests runs as none");
            recorder.staticRead(read, "bob");
        }), "reminder");
        timer.start();
        timer.join(5000);
        assertNull(failure.get());
        assertEquals(List.of("error GET /remind (request 2) -> GET /remind (request 1) on reminder"), flows());
    }

    /** A connection whose class gained the agent's request field as it was loaded. */
    static final class Carrier implements RequestCarrier {
        private Object request;

        @Override
        public Object crosstalk$request() {
            return request;
        }

        @Override
        public void crosstalk$request(Object request) {
            this.request = request;
        }
    }

    /** Connections of a class loaded before the agent (kept in the weak map) and of one with the field. */
    static Stream<Supplier<Object>> connections() {
        return Stream.of(Object::new, Carrier::new);
    }

    @ParameterizedTest
    @MethodSource("connections")
    void reactorExchangeIsOneRequestAcrossItsEventLoopSegments(Supplier<Object> connections) {
        Object aliceConnection = connections.get();
        Object bobConnection = connections.get();
        assertNull(handoffs.exchangeState(aliceConnection, State.RESPONSE_COMPLETED), "only a received request starts one");
        Object alice = handoffs.exchangeState(aliceConnection, State.REQUEST_RECEIVED);
        recorder.staticWrite(write, "alice", 0L);
        handoffs.exchangeSegmentDone(alice);
        assertNull(ThreadState.get().activeRequest(), "the event loop is free between segments");

        Object bob = handoffs.exchangeState(bobConnection, State.REQUEST_RECEIVED);
        recorder.staticWrite(write, "bob", 0L);
        handoffs.exchangeSegmentDone(bob);

        Object token = handoffs.inbound(aliceConnection); // Alice's body arrives on the same event loop
        recorder.staticRead(read, "bob");
        handoffs.taskDone(token);
        assertNull(ThreadState.get().activeRequest());
        assertNull(handoffs.inbound(connections.get()), "a connection with no exchange attaches nothing");
        assertEquals(2, recorder.requests());
        String label = "HTTP " + aliceConnection.getClass().getSimpleName();
        assertEquals(List.of("error " + label + " (request 2) -> " + label + " (request 1) on "
                + Thread.currentThread().getName()), flows());
        if (aliceConnection instanceof Carrier) {
            assertEquals(0, handoffs.exchangesHeld(), "a carrier keeps its request in its own field");
        }
    }

    /**
     * An exchange is labelled by its request's method and path: through a class defined beside Reactor
     * Netty's {@code HttpServerRequest} that calls {@code method().name()} and {@code uri()}, or, where
     * that cannot be made, through method handles; the query string is never part of the label.
     */
    @Test
    void anExchangeIsLabelledThroughAnAccessorDefinedBesideTheRequestApi() {
        Object token = handoffs.exchangeState(FakeReactorApi.CURRENT.request("GET", "/quote?symbol=alice"),
                State.REQUEST_RECEIVED);
        recorder.staticWrite(write, "alice", 0L);
        handoffs.exchangeSegmentDone(token);
        token = handoffs.exchangeState(FakeReactorApi.PLAIN.request("POST", "/orders"), State.REQUEST_RECEIVED);
        recorder.staticRead(read, "alice");
        handoffs.exchangeSegmentDone(token);

        assertEquals(List.of("info GET /quote (request 1) -> POST /orders (request 2) on "
                + Thread.currentThread().getName()), flows());
        Class<?> api = FakeReactorApi.CURRENT.request;
        assertEquals(api.getName() + "$$CrosstalkAccess", assertDoesNotThrow(() -> Class.forName(api.getName()
                + "$$CrosstalkAccess", false, api.getClassLoader())).getName(), "defined in the API's own loader");
        Class<?> plain = FakeReactorApi.PLAIN.request;
        assertThrows(ClassNotFoundException.class, () -> Class.forName(plain.getName() + "$$CrosstalkAccess", false,
                plain.getClassLoader()), "no accessor where method() has no name()");
    }

    private List<String> flows() {
        List<String> out = new ArrayList<>();
        for (Finding f : findings.all()) {
            out.add(f.severity().label() + " " + f.writer().label() + " (request " + f.writer().requestId() + ") -> "
                    + f.reader().label() + " (request " + f.reader().requestId() + ") on " + f.reader().thread());
        }
        return out;
    }

    private static void guarded(AtomicReference<Throwable> failure, Runnable work) {
        try {
            work.run();
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
