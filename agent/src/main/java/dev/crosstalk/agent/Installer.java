package dev.crosstalk.agent;

import dev.crosstalk.agent.config.Options;
import dev.crosstalk.agent.finding.Baseline;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.finding.SeverityCounts;
import dev.crosstalk.agent.finding.Suppression;
import dev.crosstalk.agent.instrument.AccessTransformer;
import dev.crosstalk.agent.instrument.Boundaries;
import dev.crosstalk.agent.instrument.ClassFilter;
import dev.crosstalk.agent.instrument.IntentionalSharing;
import dev.crosstalk.agent.report.AgentInfo;
import dev.crosstalk.agent.report.Reporter;
import dev.crosstalk.agent.report.StartupCheck;
import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.runtime.Recorder;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.bootstrap.Hooks;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;

/**
 * Wires the agent together: options, reporting, the runtime behind the hooks, and the two
 * instrumentations (shared state access and request boundaries, both with ASM), after a
 * canary self-test proves the chain works on this JVM.
 */
final class Installer {
    private Installer() {
    }

    /**
     * Installs the agent; {@code attached} for a dynamic attach, which also instruments the classes
     * already loaded. Answers the running agent, or null when the self-test or the output check kept it off.
     */
    static RunningAgent install(Options options, Instrumentation inst, boolean attached) throws Exception {
        FindingRegistry findings = new FindingRegistry(options.maxFindings, suppression(options));
        SiteTable sites = new SiteTable(options.maxSites);
        FieldTable fields = new FieldTable(options.maxKeys, options.showKeys, options.maxFields);
        ClassFilter filter = new ClassFilter(options.include, options.exclude);
        IntentionalSharing sharing = new IntentionalSharing();
        Recorder recorder = new Recorder(sites, fields, findings, options.maxContainers,
                type -> filter.isApplication(type.getName().replace('.', '/')),
                type -> sharing.isMarkedClass(type.getName()));
        AccessTransformer transformer = new AccessTransformer(filter, sites, fields, failureLog(), sharing);

        StartupCheck outputs = new StartupCheck(options.text, options.json, options.report, options.jsonTcpHost,
                options.jsonTcpPort);
        outputs.problems.forEach(System.err::println);
        if (outputs.nothingWritable()) {
            System.err.println(outputs.offLine());
            return null;
        }
        // The self-test runs beside the start of reporting (Logback), on a thread of its own: premain
        // holds up the application's main, and on two or more cores this takes the longer of the two
        // instead of their sum. Nothing is installed until both are done.
        FutureTask<String> selfTest = background("self-test", () -> options.selfTest ? selfTest() : null);
        Reporter[] self = new Reporter[1]; // the summary is asked for at exit, when the reporter exists
        Reporter reporter = new Reporter(findings, outputs.text, options.textSeverity, outputs.json,
                options.jsonSeverity, options.updateMillis,
                () -> summary(findings, recorder, transformer, sites, fields,
                        self[0].jsonTcpUndelivered() + self[0].notWritten()) + caughtErrors(),
                options.fileMaxBytes, options.fileMaxCount);
        self[0] = reporter;
        if (options.text != null && outputs.text == null) {
            reporter.notesOnStderr();
        }
        if (outputs.jsonTcpHost != null) {
            reporter.jsonTcp(outputs.jsonTcpHost, options.jsonTcpPort, options.jsonTcpBuffer, options.jsonSeverity);
        }
        String failure = outcome(selfTest);
        if (failure != null) {
            System.err.println("crosstalk: self-test failed (" + failure + "); the agent is off, the application"
                    + " runs without it");
            return null;
        }
        reporter.note("crosstalk " + AgentInfo.version() + ": watching shared state of application classes"
                + (options.include.isEmpty() ? "" : " under " + String.join(", ", options.include))
                + "; findings" + (outputs.text == null ? "" : " as text on " + outputs.text + " (" + options.textSeverity.label() + " and above)")
                + (outputs.json == null ? "" : ", JSON lines to " + outputs.json)
                + (outputs.jsonTcpHost == null ? "" : ", JSON lines over TCP to " + outputs.jsonTcpHost + ":"
                        + options.jsonTcpPort)
                + (outputs.report == null ? "" : ", reports in " + Path.of(outputs.report).toAbsolutePath().normalize())
                + (findings.suppression().baselineFingerprints().isEmpty() ? "" : "; "
                        + findings.suppression().baselineFingerprints().size() + " known finding(s) in the baseline "
                        + options.baseline + " are not reported"));
        if (options.baselineWrite != null) {
            reporter.atExit(() -> writeBaseline(findings, options.baselineWrite, reporter));
        }
        if (outputs.report != null) {
            reporter.reports(new dev.crosstalk.agent.report.ReportWriter(java.nio.file.Path.of(outputs.report), findings,
                    AgentInfo.current(), () -> {
                        Map<String, Object> c = counters(findings, recorder, transformer, sites, fields);
                        c.put("notWritten", reporter.notWrittenFields());
                        return c;
                    }));
        }
        Hooks.install(recorder);
        dev.crosstalk.agent.userdata.Identity.configure(options.userCookies, options.userHeaders);
        dev.crosstalk.bootstrap.Hooks.installMarks(new dev.crosstalk.agent.userdata.UserMarks());
        dev.crosstalk.bootstrap.Handoffs.install(new dev.crosstalk.agent.runtime.ServerRequests(recorder));
        inst.addTransformer(transformer, attached); // retransformable only when attached: see RunningAgent
        RunningAgent running = new RunningAgent(inst, transformer,
                Boundaries.install(inst, options.entries, attached, boundaryFailureLog()), reporter, filter, attached);
        reporter.start();
        failures = reporter;
        if (attached) {
            reporter.note("crosstalk: attached to a running JVM; " + running.instrumentLoadedClasses()
                    + " application classes already loaded were instrumented; requests in flight now are not judged");
        }
        return running;
    }

    private static <T> FutureTask<T> background(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "crosstalk-start-" + name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** What {@code task} answered, once it is done; what it threw is thrown here. */
    private static <T> T outcome(FutureTask<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : new IllegalStateException(cause);
        }
    }

    /**
     * What the {@code suppress-*} options and the baseline file rule out. A baseline that cannot be
     * read is one line on stderr, and the agent runs without it: it then reports every finding, which
     * is noisy, whereas an agent turned off would hide the new ones a baseline is there to show.
     */
    static Suppression suppression(Options options) {
        Map<String, Severity> baseline = Map.of();
        if (options.baseline != null) {
            try {
                baseline = Baseline.read(Path.of(options.baseline));
            } catch (IOException | Baseline.Invalid | RuntimeException e) {
                System.err.println("crosstalk: option 'baseline' accepts " + Options.ACCEPTS.get("baseline") + ", not '"
                        + options.baseline + "' (" + (e instanceof Baseline.Invalid ? e.getMessage() : e.toString())
                        + "); the agent runs without a baseline and reports every finding");
            }
        }
        return new Suppression(options.suppressStates, options.suppressTypes, options.suppressFingerprints, baseline);
    }

    private static void writeBaseline(FindingRegistry findings, String path, Reporter reporter) {
        try {
            int n = Baseline.write(Path.of(path), findings, "crosstalk " + AgentInfo.version());
            reporter.note("crosstalk: wrote the baseline " + path + " (" + n + " fingerprints)");
        } catch (IOException | RuntimeException e) {
            // On stderr whatever the text output is: the user asked for this file and will look for it.
            System.err.println("crosstalk: option 'baseline-write' accepts " + Options.ACCEPTS.get("baseline-write")
                    + "; could not write '" + path + "' (" + e + ")");
        }
    }

    /** Where transformation failures go once the reporter exists; stderr before that. */
    private static volatile Reporter failures;

    private static BiConsumer<String, Throwable> failureLog() {
        return (type, error) -> say("crosstalk: left " + type + " unchanged: it could not be instrumented (" + error + ")");
    }

    private static BiConsumer<String, Throwable> boundaryFailureLog() {
        return (type, error) -> say("crosstalk: left " + type + " unchanged: request boundaries could not be added ("
                + error + ")");
    }

    private static void say(String line) {
        Reporter r = failures;
        if (r != null) {
            r.note(line);
        } else {
            System.err.println(line);
        }
    }

    /**
     * The closing line: {@code crosstalk: N findings (E error, W warning, I info) over R requests; what
     * was watched; [what was dropped; ]X agent errors}. The dropped part lists only non-zero counts,
     * each with the option whose cap it hit, and is absent when nothing was dropped.
     */
    static String summary(FindingRegistry findings, Recorder recorder, AccessTransformer transformer,
            SiteTable sites, FieldTable fields, String undelivered) {
        SeverityCounts bySeverity = SeverityCounts.of(findings.all());
        java.util.List<String> dropped = new java.util.ArrayList<>();
        if (transformer.notInstrumentedCount() > 0) {
            dropped.add(transformer.notInstrumentedCount() + " classes left uninstrumented ("
                    + (sites.full() && fields.full() ? "max-sites, max-fields" : sites.full() ? "max-sites" : "max-fields")
                    + ")");
        }
        if (fields.droppedKeys() > 0) {
            dropped.add(fields.droppedKeys() + " key accesses past max-keys (tracked per container, not per key)");
        }
        if (recorder.containersNotTracked() > 0) {
            dropped.add(recorder.containersNotTracked() + " containers not tracked (max-containers)");
        }
        if (findings.dropped() > 0) {
            dropped.add(findings.dropped() + " occurrences of findings not kept (max-findings)");
        }
        return "crosstalk: " + bySeverity.total() + " findings (" + bySeverity.get(Severity.ERROR)
                + " error, " + bySeverity.get(Severity.WARNING) + " warning, " + bySeverity.get(Severity.INFO)
                + " info) over " + recorder.requests()
                + " requests; " + transformer.transformedCount() + " classes instrumented, " + fields.size()
                + " fields, " + sites.size() + " sites, " + recorder.trackedContainers() + " containers tracked"
                + (dropped.isEmpty() ? "" : "; dropped (caps reached): " + String.join(", ", dropped))
                + undelivered + suppressed(findings)
                + "; " + Hooks.errors() + " agent errors";
    }

    /** The first agent errors, one line each after the summary line; nothing when there were none. */
    static String caughtErrors() {
        StringBuilder b = new StringBuilder();
        for (String e : Hooks.caughtErrors()) {
            b.append(System.lineSeparator()).append("crosstalk: agent error: ").append(e);
        }
        return b.toString();
    }

    /** {@code ; 3 findings suppressed (2 in the baseline, 1 by type), seen 40 times}, or nothing when none were. */
    static String suppressed(FindingRegistry findings) {
        long occurrences = findings.suppressedOccurrences();
        if (occurrences == 0) {
            return "";
        }
        List<String> why = new ArrayList<>();
        findings.suppressedByReason().forEach((reason, n) -> why.add(n + (reason.equals("baseline") ? " in the baseline"
                : " by " + reason)));
        long distinct = findings.suppressed();
        return "; " + distinct + (distinct == 1 ? " finding" : " findings") + " suppressed"
                + (why.isEmpty() ? "" : " (" + String.join(", ", why) + ")") + ", seen " + occurrences
                + (occurrences == 1 ? " time" : " times");
    }

    /** The report's summary counters: always all of them, 0 when nothing of a kind was dropped. */
    static java.util.Map<String, Object> counters(FindingRegistry findings, Recorder recorder,
            AccessTransformer transformer, SiteTable sites, FieldTable fields) {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("requests", recorder.requests());
        c.put("classesInstrumented", transformer.transformedCount());
        c.put("fields", fields.size());
        c.put("sites", sites.size());
        c.put("containers", recorder.trackedContainers());
        c.put("suppressed", findings.suppressed());
        c.put("dropped", findings.dropped());
        c.put("classesNotInstrumented", transformer.notInstrumentedCount());
        c.put("droppedKeyAccesses", fields.droppedKeys());
        c.put("containersNotTracked", recorder.containersNotTracked());
        c.put("agentErrors", Hooks.errors());
        c.put("agentErrorsCaught", Hooks.caughtErrors());
        return c;
    }

    /**
     * Instruments a copy of {@link Canary} in a throwaway class loader and plays two requests writing
     * different values and a third reading one: the chain from bytecode to judgement must produce
     * an error. Runs with its own runtime and registry, before the real one is installed.
     */
    static String selfTest() {
        ClassFilter filter = ClassFilter.onlyClass(Canary.class.getName());
        FindingRegistry registry = new FindingRegistry(10);
        SiteTable sites = new SiteTable();
        Recorder recorder = new Recorder(sites, registry, 10);
        try (InputStream in = Canary.class.getResourceAsStream("Canary.class")) {
            byte[] original = in.readAllBytes();
            String[] problem = new String[1];
            AccessTransformer t = new AccessTransformer(filter, sites, new FieldTable(10, false),
                    (type, e) -> problem[0] = e.toString());
            byte[] bytes = t.instrument(original);
            if (bytes == null) {
                return "the canary class was not instrumented" + (problem[0] == null ? "" : ": " + problem[0]);
            }
            Class<?> canary = new ClassLoader(null) {
                Class<?> define() {
                    return defineClass(Canary.class.getName(), bytes, 0, bytes.length);
                }
            }.define();
            Method write = canary.getDeclaredMethod("write", String.class);
            Method read = canary.getDeclaredMethod("read");
            write.setAccessible(true);
            read.setAccessible(true);
            Hooks.install(recorder);
            try {
                Object a = recorder.requestEnter("canary#a", Hooks.KIND_ENTRY_METHOD, 0);
                write.invoke(null, "a");
                recorder.requestExit(a);
                Object b = recorder.requestEnter("canary#b", Hooks.KIND_ENTRY_METHOD, 0);
                write.invoke(null, "b");
                recorder.requestExit(b);
                Object c = recorder.requestEnter("canary#c", Hooks.KIND_ENTRY_METHOD, 0);
                String seen = (String) read.invoke(null);
                recorder.requestExit(c);
                if (!"bb".equals(seen)) {
                    return "the instrumented canary returned " + seen + " instead of bb";
                }
            } finally {
                Hooks.install(null);
            }
            long errors = registry.all().stream().filter(f -> f.severity() == Severity.ERROR).count();
            return errors == 2 ? null : "expected 2 error findings from the canary, got " + registry.all().size()
                    + " findings with " + errors + " errors";
        } catch (Throwable e) {
            return e.toString();
        }
    }
}
