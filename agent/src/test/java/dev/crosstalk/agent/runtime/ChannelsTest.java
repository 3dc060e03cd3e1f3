package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.MutationHooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.bootstrap.Hooks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channels that are not static fields, driven through the recorder the way the hooks drive it:
 * thread-locals and the MDC on a reused thread, non-final fields of objects made outside requests,
 * overlapping calls on an object that is not thread-safe, and calls on such an object seen in shared
 * state, judged between calls. Each bug next to its clean look-alike.
 */
class ChannelsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, false);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> false);

    private final ThreadLocal<String> current = new ThreadLocal<>();
    private final int setUser = sites.register("com.acme.UserFilter", "doFilter", "UserFilter.java", 12, null, false,
            "com.acme.UserContext.CURRENT", 0);
    private final int removeUser = sites.register("com.acme.UserFilter", "doFilter", "UserFilter.java", 16, null,
            false, "com.acme.UserContext.CURRENT", 0);
    private final int readUser = sites.register("com.acme.WhoAmI", "get", "WhoAmI.java", 20, null, false,
            "com.acme.UserContext.CURRENT", 0);
    private final int mdcPut = sites.register("com.acme.UserFilter", "doFilter", "UserFilter.java", 13, null, false,
            "org.slf4j.MDC", 0);
    private final int mdcGet = sites.register("com.acme.WhoAmI", "get", "WhoAmI.java", 21, null, false,
            "org.slf4j.MDC", 0);

    // com.acme.QueryController.lastQuery, an instance field
    private final StaticField lastQuery = fields.field("com/acme/QueryController", "lastQuery", "Ljava/lang/String;");
    private final int writeQuery = sites.register("com.acme.QueryController", "query", "QueryController.java", 30,
            lastQuery, false, "lastQuery", 0);
    private final int readQuery = sites.register("com.acme.QueryController", "query", "QueryController.java", 32,
            lastQuery, false, "lastQuery", 0);
    private final StaticField hits = fields.field("com/acme/QueryController", "hits", "I");
    private final int readHits = sites.register("com.acme.QueryController", "query", "QueryController.java", 33, hits,
            false, "hits", 0);
    private final int incrementHits = sites.register("com.acme.QueryController", "query", "QueryController.java", 33,
            hits, true, "hits", 0);

    private final int parse = sites.register("com.acme.DateService", "parse", "DateService.java", 40, null, false,
            "com.acme.DateService.FORMAT", 0);

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    // ---- thread-locals ------------------------------------------------------------------------

    @Test
    void threadLocalLeftSetIsAWarningAndItsReadByTheNextRequestAnError() {
        inRequest("GET /login", () -> set(setUser, "alice"));
        Finding left = only(FindingType.THREADLOCAL_CARRYOVER);
        assertEquals(Severity.WARNING, left.severity());
        assertTrue(left.message().startsWith("ThreadLocal left set at the end of GET /login"), left.message());
        assertEquals("com.acme.UserContext.CURRENT", left.state());

        inRequest("GET /whoami", () -> get(readUser));
        Finding carried = only(FindingType.THREADLOCAL_CARRYOVER);
        assertEquals(left.fingerprint(), carried.fingerprint(), "the warning became the error");
        assertEquals(Severity.ERROR, carried.severity());
        assertEquals("GET /login", carried.writer().label());
        assertEquals("com.acme.UserFilter.doFilter(UserFilter.java:12)", carried.writer().location());
        assertEquals("GET /whoami", carried.reader().label());
        assertEquals("com.acme.WhoAmI.get(WhoAmI.java:20)", carried.reader().location());
        assertTrue(!carried.message().contains("alice"), "never the value: " + carried.message());
    }

    @Test
    void threadLocalRemovedInFinallyIsQuiet() {
        inRequest("GET /login", () -> {
            set(setUser, "alice");
            get(readUser);
            remove();
        });
        inRequest("GET /whoami", () -> get(readUser));
        assertEquals(List.of(), describe());
    }

    @Test
    void aRecordReusedAfterManyCleanRequestsNamesTheRequestThatLeftTheValue() {
        for (int i = 0; i < 5; i++) {
            String user = "u" + i;
            inRequest("GET /clean?" + i, () -> {
                set(setUser, user);
                mdc(mdcPut, user);
                get(readUser);
                remove();
                mdc(mdcPut, null);
            });
        }
        assertEquals(List.of(), describe(), "set and removed every time");
        inRequest("GET /leaky", () -> set(setUser, "mallory"));
        inRequest("GET /whoami", () -> get(readUser));
        Finding carried = only(FindingType.THREADLOCAL_CARRYOVER);
        assertEquals(Severity.ERROR, carried.severity());
        assertEquals("GET /leaky", carried.writer().label());
        assertEquals("GET /whoami", carried.reader().label());
    }

    @Test
    void aValueLeftSetIsNotHeldOnceItsRequestEnded() throws InterruptedException {
        ThreadLocal<Object> cart = new ThreadLocal<>();
        Object[] value = {new StringBuilder("alice's cart")};
        java.lang.ref.WeakReference<Object> held = new java.lang.ref.WeakReference<>(value[0]);
        inRequest("GET /cart", () -> recorder.threadLocalSet(setUser, cart, value[0]));
        value[0] = null; // the application replaced it where the agent does not look
        for (int i = 0; i < 50 && held.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(null, held.get(), "the record of an ended request keeps the value's identity hash, not the value");
        assertEquals(1, findings.all().size(), "the left-set warning: " + describe());
    }

    @Test
    void aValueATaskLeftOnAPoolThreadIsNotHeldOnceTheTaskRan() throws Exception {
        ThreadLocal<Object> cart = new ThreadLocal<>();
        Object[] value = {new StringBuilder("alice's cart")};
        java.lang.ref.WeakReference<Object> held = new java.lang.ref.WeakReference<>(value[0]);
        Object[] context = new Object[1];
        inRequest("GET /cart", () -> context[0] = recorder.captureContext());
        Thread pool = new Thread(() -> {
            Object previous = recorder.attachContext(context[0]);
            try {
                recorder.threadLocalSet(setUser, cart, value[0]);
            } finally {
                recorder.detachContext(previous);
            }
            value[0] = null; // the task's thread-local is replaced where the agent does not look
            for (int i = 0; i < 50 && held.get() != null; i++) {
                System.gc();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        pool.start();
        pool.join(10_000);
        assertEquals(null, held.get(), "the pool thread's record keeps the value's identity hash, not the value");
    }

    @Test
    void threadLocalSetOutsideRequestsIsQuiet() {
        set(setUser, "system");
        inRequest("GET /a", () -> get(readUser));
        inRequest("GET /b", () -> get(readUser));
        assertEquals(List.of(), describe());
    }

    @Test
    void threadLocalSetByEveryRequestBeforeReadingIsOnlyTheWarning() {
        inRequest("GET /a", () -> {
            set(setUser, "a");
            get(readUser);
        });
        inRequest("GET /b", () -> {
            set(setUser, "b");
            get(readUser);
        });
        Finding f = only(FindingType.THREADLOCAL_CARRYOVER);
        assertEquals(Severity.WARNING, f.severity(), f.message());
    }

    @Test
    void inheritedValueOfAPoolThreadMadeDuringARequestReadByALaterRequestIsAnError() throws Exception {
        InheritableThreadLocal<String> tenant = new InheritableThreadLocal<>();
        String acme = new String("acme");
        Thread[] pool = new Thread[1];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        inRequest("GET /login", () -> {
            tenant.set(acme);
            recorder.threadLocalSet(setUser, tenant, acme);
            // A pool thread started while this request runs copies the value; a later request's task reads it.
            pool[0] = new Thread(() -> {
                try {
                    inRequest("GET /report", () -> recorder.threadLocalGet(readUser, tenant, tenant.get()));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "pool-1");
        });
        pool[0].start();
        pool[0].join(5000);
        assertEquals(null, failure.get());
        Finding f = only(FindingType.THREADLOCAL_CARRYOVER);
        assertEquals(Severity.ERROR, f.severity(), f.message());
        assertTrue(f.message().contains("copied into thread pool-1"), f.message());
        assertEquals("GET /login", f.writer().label());
        assertEquals("GET /report", f.reader().label());
    }

    @Test
    void inheritedValueReadByATaskOfTheRequestThatSetItIsQuiet() throws Exception {
        InheritableThreadLocal<String> tenant = new InheritableThreadLocal<>();
        String acme = new String("acme");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        inRequest("GET /login", () -> {
            tenant.set(acme);
            recorder.threadLocalSet(setUser, tenant, acme);
            Object context = recorder.captureContext();
            Thread task = new Thread(() -> {
                Object previous = recorder.attachContext(context); // the request's own task
                try {
                    recorder.threadLocalGet(readUser, tenant, tenant.get());
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    recorder.detachContext(previous);
                }
            }, "pool-2");
            task.start();
            try {
                task.join(5000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            recorder.threadLocalSet(removeUser, tenant, null);
            tenant.remove();
        });
        assertEquals(null, failure.get());
        assertEquals(List.of(), describe());
    }

    @Test
    void mdcEntryLeftSetAndReadByTheNextRequestIsAnError() {
        String alice = new String("alice");
        inRequest("GET /login", () -> recorder.mdcPut(mdcPut, "user", alice));
        inRequest("GET /whoami", () -> recorder.mdcGet(mdcGet, "user", alice));
        Finding f = only(FindingType.THREADLOCAL_CARRYOVER);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.state().startsWith("org.slf4j.MDC[key#"), f.state());
    }

    @Test
    void mdcClearedAtTheEndIsQuiet() {
        String alice = new String("alice");
        inRequest("GET /login", () -> {
            recorder.mdcPut(mdcPut, "user", alice);
            recorder.mdcPut(mdcPut, null, null); // MDC.clear()
        });
        inRequest("GET /whoami", () -> recorder.mdcGet(mdcGet, "user", alice));
        assertEquals(List.of(), describe());
    }

    // ---- fields of shared objects -------------------------------------------------------------

    @Test
    void singletonFieldOverwrittenByRequestsIsAnError() {
        Object controller = new Object();
        recorder.constructed(controller); // at startup
        inRequest("GET /query?alpha", () -> recorder.instanceWrite(writeQuery, controller, "alpha", 0));
        inRequest("GET /query?beta", () -> {
            recorder.instanceWrite(writeQuery, controller, "beta", 0);
            recorder.instanceRead(readQuery, controller, "beta", 0);
        });
        inRequest("GET /query?gamma", () -> recorder.instanceRead(readQuery, controller, "beta", 0));
        Finding f = only(FindingType.CROSS_REQUEST_FLOW);
        assertEquals(Severity.ERROR, f.severity(), f.message());
        assertEquals("com.acme.QueryController.lastQuery", f.state());
    }

    @Test
    void objectMadeInsideARequestIsNeverShared() {
        inRequest("GET /a", () -> {
            Object dto = new Object();
            recorder.constructed(dto);
            recorder.instanceWrite(writeQuery, dto, "a", 0);
        });
        Object[] made = new Object[1];
        inRequest("GET /b", () -> {
            made[0] = new Object();
            recorder.constructed(made[0]);
            recorder.instanceWrite(writeQuery, made[0], "b", 0);
        });
        inRequest("GET /c", () -> recorder.instanceRead(readQuery, made[0], "b", 0));
        assertEquals(List.of(), describe());
    }

    @Test
    void singletonCounterIsInformationAtMost() {
        Object controller = new Object();
        recorder.constructed(controller);
        int[] value = {0};
        for (String label : List.of("GET /a", "GET /b", "GET /c")) {
            inRequest(label, () -> {
                recorder.instanceRead(readHits, controller, null, value[0]);
                value[0]++;
                recorder.instanceWrite(incrementHits, controller, null, value[0]);
            });
        }
        for (Finding f : findings.all()) {
            assertEquals(Severity.INFO, f.severity(), f.message());
        }
    }

    @Test
    void fieldSetAtStartupAndOnlyReadIsQuiet() {
        Object servlet = new Object();
        recorder.constructed(servlet);
        recorder.instanceWrite(writeQuery, servlet, "config", 0); // init()
        inRequest("GET /a", () -> recorder.instanceRead(readQuery, servlet, "config", 0));
        inRequest("GET /b", () -> recorder.instanceRead(readQuery, servlet, "config", 0));
        assertEquals(List.of(), describe());
    }

    // ---- overlapping calls on an object that is not thread-safe -------------------------------

    @Test
    void twoRequestsInsideOneFormatAtOnceIsAnError() throws Exception {
        Object format = new java.text.SimpleDateFormat("yyyy-MM-dd");
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                inRequest("GET /date?1", () -> {
                    Object token = recorder.mutationEnter(parse, format);
                    firstInside.countDown();
                    await(secondDone);
                    recorder.mutationExit(token);
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "worker-1");
        first.start();
        assertTrue(firstInside.await(5, TimeUnit.SECONDS));
        inRequest("GET /date?2", () -> recorder.mutationExit(recorder.mutationEnter(parse, format)));
        secondDone.countDown();
        first.join(5000);
        assertEquals(null, failure.get());
        Finding f = only(FindingType.UNSAFE_CONCURRENT_MUTATION);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("com.acme.DateService.FORMAT", f.state());
        assertEquals("worker-1", f.writer().thread());
        assertTrue(f.message().contains("SimpleDateFormat"), f.message());
    }

    @Test
    void oneRequestAfterAnotherIsQuiet() {
        Object format = new java.text.SimpleDateFormat("yyyy-MM-dd");
        inRequest("GET /date?1", () -> recorder.mutationExit(recorder.mutationEnter(parse, format)));
        inRequest("GET /date?2", () -> recorder.mutationExit(recorder.mutationEnter(parse, format)));
        assertEquals(List.of(), describe());
    }

    // ---- the same objects seen in shared state: judged between calls ------------------------------

    private final StaticField formatField = fields.field("com/acme/DateService", "FORMAT", "Ljava/text/SimpleDateFormat;");
    private final int loadFormat = sites.register("com.acme.DateService", "parse", "DateService.java", 40, formatField,
            false, null, 0);

    /** Request 1 calls {@code first} and stays in flight while request 2 calls {@code second} (see {@link Requests}). */
    private void oneCallEachWhileBothInFlight(Object target, int first, int second, Object lock) {
        Requests.secondWhileFirstInFlight(recorder, "worker-1", () -> call(target, first, lock),
                () -> call(target, second, lock));
    }

    private void call(Object target, int kind, Object lock) {
        recorder.staticRead(loadFormat, target);
        if (lock == null) {
            recorder.mutationExit(recorder.mutationEnter(parse, target, kind));
            return;
        }
        synchronized (lock) {
            recorder.lockEvent(lock, MutationHooks.MONITOR_ENTER);
            recorder.mutationExit(recorder.mutationEnter(parse, target, kind));
            recorder.lockEvent(lock, MutationHooks.MONITOR_EXIT);
        }
    }

    @Test
    void aSharedFormatUsedByTwoRequestsInFlightBetweenTheirCallsIsAnError() {
        oneCallEachWhileBothInFlight(new java.text.SimpleDateFormat("yyyy-MM-dd"), MutationHooks.WRITE,
                MutationHooks.WRITE, null);
        Finding f = only(FindingType.UNSAFE_CONCURRENT_MUTATION);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("com.acme.DateService.FORMAT", f.state());
        assertEquals("worker-1", f.writer().thread());
        assertTrue(f.message().startsWith("Unsafe concurrent mutation: com.acme.DateService.FORMAT (a SimpleDateFormat,"),
                f.message());
    }

    @Test
    void aSharedFormatUsedUnderOneLockIsQuiet() {
        oneCallEachWhileBothInFlight(new java.text.SimpleDateFormat("yyyy-MM-dd"), MutationHooks.WRITE,
                MutationHooks.WRITE, new Object());
        assertEquals(List.of(), describe());
    }

    @Test
    void aSharedCalendarOnlyReadIsQuietAndSetWhileAnotherRequestReadsIsAnError() {
        oneCallEachWhileBothInFlight(java.util.Calendar.getInstance(), MutationHooks.READ, MutationHooks.READ, null);
        assertEquals(List.of(), describe());
        oneCallEachWhileBothInFlight(java.util.Calendar.getInstance(), MutationHooks.READ, MutationHooks.WRITE, null);
        assertEquals(Severity.ERROR, only(FindingType.UNSAFE_CONCURRENT_MUTATION).severity());
    }

    @Test
    void aSharedDigestUsedByOneRequestAfterAnotherIsQuiet() throws Exception {
        Object digest = java.security.MessageDigest.getInstance("SHA-256");
        inRequest("GET /hash?1", () -> call(digest, MutationHooks.WRITE, null));
        inRequest("GET /hash?2", () -> call(digest, MutationHooks.WRITE, null));
        assertEquals(List.of(), describe());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void set(int site, String value) {
        recorder.threadLocalSet(site, current, value);
        current.set(value);
    }

    private void mdc(int site, String value) {
        recorder.mdcPut(site, "user", value);
    }

    private void remove() {
        recorder.threadLocalSet(removeUser, current, null);
        current.remove();
    }

    private void get(int site) {
        String v = current.get();
        if (v != null) {
            recorder.threadLocalGet(site, current, v);
        }
    }

    private void inRequest(String label, Runnable work) {
        Requests.inRequest(recorder, label, work);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Finding only(FindingType type) {
        List<Finding> of = new ArrayList<>();
        for (Finding f : findings.all()) {
            if (f.type() == type) {
                of.add(f);
            }
        }
        assertEquals(1, of.size(), "findings: " + describe());
        return of.get(0);
    }

    private List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Finding f : findings.all()) {
            out.add(f.severity().label() + " " + f.type().id() + " " + f.state() + ": " + f.message());
        }
        return out;
    }
}
