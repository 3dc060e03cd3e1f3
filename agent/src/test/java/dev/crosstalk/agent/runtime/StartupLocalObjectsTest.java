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
import dev.crosstalk.bootstrap.ContainerOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects start-up code makes and fills on one thread before handing them over: Spring's
 * {@code CommandLineArgs}, made on {@code main} while the arguments are parsed, whose
 * {@code optionArgs} map gets a list for an option, then the option's value. No other thread can
 * reach it yet, so the filling is no {@code publish-then-populate}; it is once another thread reached
 * the holder, once the holder was stored into shared state, when the filling thread is not the one
 * that made it, and whenever a request does it. A reader that got there early is still a
 * {@code partial-init-read}.
 */
class StartupLocalObjectsTest {
    private final SiteTable sites = new SiteTable();
    private final FieldTable fields = new FieldTable(100, true);
    private final FindingRegistry findings = new FindingRegistry(100);
    private final Recorder recorder = new Recorder(sites, fields, findings, 1000, type -> type == Args.class);

    /** The holder made at start-up (CommandLineArgs). */
    static final class Args {
        final Map<String, Object> optionArgs = new HashMap<>();
    }

    private final StaticField optionArgs = fields.field("org/acme/CommandLineArgs", "optionArgs", "Ljava/util/Map;");
    private final StaticField current = fields.field("org/acme/Application", "args", "Lorg/acme/CommandLineArgs;");
    private final int method = sites.registerMethod("org.acme.CommandLineArgs", "addOptionArg", "CommandLineArgs.java");
    private final int reachMap = sites.register("org.acme.CommandLineArgs", "addOptionArg", "CommandLineArgs.java", 41,
            optionArgs, false, null, 0);
    private final int reachMapElsewhere = sites.register("org.acme.CommandLineArgs", "getOptionValues",
            "CommandLineArgs.java", 60, optionArgs, false, null, 0);
    private final int put = sites.register("org.acme.CommandLineArgs", "addOptionArg", "CommandLineArgs.java", 42,
            null, false, null, method);
    private final int add = sites.register("org.acme.CommandLineArgs", "addOptionArg", "CommandLineArgs.java", 45,
            null, false, null, method);
    private final int lookup = sites.register("org.acme.Runner", "run", "Runner.java", 12, null, false, null, 0);
    private final int store = sites.register("org.acme.Application", "main", "Application.java", 9, current, false,
            null, sites.registerMethod("org.acme.Application", "main", "Application.java"));
    private final Args args = new Args();
    private final Map<String, Object> entry = new HashMap<>();

    @BeforeEach
    @AfterEach
    void clearThreadState() {
        ThreadState.get().clear();
    }

    @Test
    void anEntryFilledOnTheThreadThatMadeItsHolderIsQuiet() {
        recorder.constructed(args);
        addOption();
        assertEquals(List.of(), RecordedFindings.warnings(findings), RecordedFindings.describe(findings));
    }

    @Test
    void aReaderThatGotThereEarlyIsStillAPartialInitRead() {
        recorder.constructed(args);
        reachAndPut();
        Requests.onOtherThread("runner", () -> recorder.containerOp(lookup, ContainerOp.GET, entry, "value", null));
        fill();
        Finding read = RecordedFindings.only(findings, FindingType.PARTIAL_INIT_READ);
        assertEquals("org.acme.CommandLineArgs.optionArgs[foo][value]", read.state(), RecordedFindings.describe(findings));
        assertEquals(List.of(), RecordedFindings.of(findings, FindingType.PUBLISH_THEN_POPULATE),
                RecordedFindings.describe(findings));
    }

    @Test
    void onceAnotherThreadReachedTheHolderItIsAStartupWarning() {
        recorder.constructed(args);
        Requests.onOtherThread("worker", () -> recorder.containerReached(reachMapElsewhere, args, args.optionArgs));
        addOption();
        assertWarning();
    }

    @Test
    void onceTheHolderWasStoredIntoAStaticItIsAStartupWarning() {
        recorder.constructed(args);
        recorder.staticWrite(store, args, 0L);
        recorder.methodExit(sites.get(store).method());
        addOption();
        assertWarning();
    }

    @Test
    void aThreadOtherThanTheMakerFillingItIsAStartupWarning() {
        recorder.constructed(args);
        Requests.onOtherThread("refresher", () -> {
            addOption();
            ThreadState.get().clear();
        });
        assertWarning();
    }

    @Test
    void aRequestFillingItIsAnError() {
        recorder.constructed(args);
        Requests.inRequest(recorder, "GET /options", this::addOption);
        assertEquals(Severity.ERROR, RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE).severity(),
                RecordedFindings.describe(findings));
    }

    private void assertWarning() {
        Finding p = RecordedFindings.only(findings, FindingType.PUBLISH_THEN_POPULATE);
        assertEquals(List.of(Severity.WARNING, "org.acme.CommandLineArgs.optionArgs[foo]"),
                List.of(p.severity(), p.state()), RecordedFindings.describe(findings));
    }

    private void addOption() {
        reachAndPut();
        fill();
    }

    /** {@code if (!optionArgs.containsKey(name)) optionArgs.put(name, new …)}. */
    private void reachAndPut() {
        recorder.containerReached(reachMap, args, args.optionArgs);
        recorder.containerOp(put, ContainerOp.PUT, args.optionArgs, "foo", entry);
        args.optionArgs.put("foo", entry);
    }

    /** {@code optionArgs.get(name).add(value)}, as a map entry here. */
    private void fill() {
        recorder.containerOp(add, ContainerOp.PUT, entry, "value", "bar");
        entry.put("value", "bar");
        recorder.methodExit(method);
    }
}
