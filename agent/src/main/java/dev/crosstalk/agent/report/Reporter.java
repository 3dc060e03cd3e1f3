package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes findings off the request threads: a daemon thread takes each new finding as it appears,
 * writes count updates at most once per interval, and a shutdown hook writes the last counts and a
 * summary. Request threads only ever enqueue.
 */
public final class Reporter {
    /** How long an output that sends elsewhere (TCP) may take at exit to deliver what it still holds. */
    private static final long DRAIN_MILLIS = 2_000;
    private final FindingRegistry registry;
    private final List<Output> outputs = new ArrayList<>();
    private final LogbackOutputs logback;
    private final long updateMillis;
    private final Supplier<String> summary;
    private volatile boolean running = true;
    private volatile boolean notesOnStderr;
    private Thread thread;
    private volatile ReportWriter reports;
    private TcpJsonOutput tcp;
    private final List<Runnable> atExit = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Per output that writes files: what it could not write. */
    private final Map<String, WriteTrouble> troubles = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(() -> shutdown("shutdown"), "crosstalk-shutdown");

    /**
     * @param text      where text goes ({@code stderr}, {@code stdout}, a path) or null for none
     * @param json      where JSON lines go ({@code stdout}, a path) or null for none
     * @param summary   the agent's closing line, asked for at shutdown
     */
    public Reporter(FindingRegistry registry, String text, Severity textMinimum, String json, Severity jsonMinimum,
            long updateMillis, Supplier<String> summary) {
        this(registry, text, textMinimum, json, jsonMinimum, updateMillis, summary, 100L << 20, 5);
    }

    /**
     * @param maxFileBytes a text or JSON file rolls over at this size
     * @param maxFiles     how many rolled-over files are kept next to it
     */
    public Reporter(FindingRegistry registry, String text, Severity textMinimum, String json, Severity jsonMinimum,
            long updateMillis, Supplier<String> summary, long maxFileBytes, int maxFiles) {
        this.logback = new LogbackOutputs(maxFileBytes, maxFiles);
        this.registry = registry;
        this.updateMillis = updateMillis;
        this.summary = summary;
        if (text != null) {
            WriteTrouble t = trouble("text", text, "events");
            outputs.add(new TextOutput(logback.textLogger(text, t), textMinimum, t));
        }
        if (json != null) {
            WriteTrouble t = trouble("json", json, "events");
            outputs.add(new JsonOutput(logback.jsonLogger(json, t), jsonMinimum, AgentInfo.current(), t));
        }
    }

    /**
     * Also sends the JSON events to a TCP input at {@code host:port} ({@code json-tcp}), holding up to
     * {@code buffer} of them while it is away. Call before {@link #start()}.
     */
    public void jsonTcp(String host, int port, int buffer, Severity minimum) {
        tcp = new TcpJsonOutput(host, port, buffer, minimum, logback.jsonLines(), AgentInfo.current());
        outputs.add(tcp);
    }

    /** For the summary line: JSON events the TCP output did not deliver, or "" when there were none. */
    public String jsonTcpUndelivered() {
        return tcp == null ? "" : tcp.undelivered();
    }

    private WriteTrouble trouble(String option, String target, String unit) {
        WriteTrouble t = new WriteTrouble(option, target, unit, System.err::println);
        troubles.put(option, t);
        return t;
    }

    /**
     * For the summary line: {@code ; json: 12 events not written (No space left on device)} per output
     * that could not write something, or "" when every output wrote all it was given.
     */
    public String notWritten() {
        List<String> parts = new ArrayList<>();
        for (WriteTrouble t : troubles.values()) {
            if (t.summary() != null) {
                parts.add(t.summary());
            }
        }
        return parts.isEmpty() ? "" : "; " + String.join(", ", parts);
    }

    /** For the report's summary: per output option, what it could not write; empty when nothing. */
    public Map<String, Object> notWrittenFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        troubles.forEach((option, t) -> {
            if (t.notWritten() > 0) {
                m.put(option, t.fields());
            }
        });
        return m;
    }

    /**
     * The text output was configured but cannot be written: the agent's own lines (the banner, the
     * summary) go to stderr instead, so they are seen somewhere. Findings are not.
     */
    public void notesOnStderr() {
        notesOnStderr = true;
    }

    /** A line about the agent itself, to the text output. */
    public void note(String line) {
        for (Output o : outputs) {
            o.note(line);
        }
        if (notesOnStderr) {
            System.err.println(line);
        }
    }

    /** Reports to write at shutdown and on demand (see {@link ReportWriter}); call before {@link #start}. */
    public void reports(ReportWriter writer) {
        trouble("report", writer.directory().toString(), "reports");
        this.reports = writer;
    }

    /**
     * Writes a report for {@code trigger}, or when {@code trigger} is null only if one was asked for;
     * one that cannot be written is counted. Returns whether one was written.
     */
    private boolean writeReport(ReportWriter r, String trigger) {
        WriteTrouble t = troubles.get("report");
        try {
            if (trigger != null) {
                r.write(trigger);
            } else if (!r.writeIfRequested()) {
                return false;
            }
            t.succeeded();
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            t.failed(e);
            return false;
        }
    }

    /**
     * Runs {@code task} in the shutdown hook, after the last findings are written and before the
     * summary line, while {@link #note} still writes. A task that throws is counted as an agent error.
     */
    public void atExit(Runnable task) {
        atExit.add(task);
    }

    /** Starts the thread that brings the outputs up to date. */
    public void start() {
        thread = new Thread(this::run, "crosstalk-reporter");
        thread.setDaemon(true);
        thread.start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Ends reporting while the application runs on (a detach): what the shutdown hook does (last
     * counts, summary line, report with trigger {@code detach}), now, and the hook is withdrawn.
     */
    public void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            return; // the JVM is exiting: its shutdown hook does it
        }
        shutdown("detach");
    }

    private void run() {
        long nextUpdate = System.currentTimeMillis() + updateMillis;
        while (running) {
            try {
                Finding f = registry.takeNew(Math.max(1, Math.min(200, nextUpdate - System.currentTimeMillis())));
                if (f != null) {
                    publish(f);
                }
                if (System.currentTimeMillis() >= nextUpdate) {
                    updates();
                    nextUpdate = System.currentTimeMillis() + updateMillis;
                }
                ReportWriter r = reports;
                if (r != null && writeReport(r, null)) {
                    note("crosstalk: report written on demand");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                dev.crosstalk.bootstrap.Hooks.error(t);
            }
        }
    }

    private synchronized void publish(Finding f) {
        Finding written = f.snapshot();
        for (Output o : outputs) {
            o.offer(written);
        }
        registry.reported(f, written);
    }

    private synchronized void updates() {
        for (Finding f : registry.dueForUpdate()) {
            publish(f);
        }
    }

    /** Writes everything still pending; also what the shutdown hook does before the summary. */
    public void flush() throws InterruptedException {
        Finding f;
        while ((f = registry.takeNew(0)) != null) {
            publish(f);
        }
        updates();
    }

    private void shutdown(String trigger) {
        running = false;
        try {
            if (thread != null) {
                thread.interrupt();
                thread.join(2000);
            }
            flush();
            for (Output o : outputs) {
                o.drain(DRAIN_MILLIS);
            }
            for (Runnable task : atExit) {
                try {
                    task.run();
                } catch (Throwable t) {
                    dev.crosstalk.bootstrap.Hooks.error(t);
                }
            }
            // The report first, so that the summary line can say whether it was written.
            ReportWriter r = reports;
            if (r != null) {
                writeReport(r, trigger);
            }
            String closing = summary.get();
            note(closing);
            WriteTrouble text = troubles.get("text");
            if (text != null && text.notWritten() > 0 && !notesOnStderr) {
                System.err.println(closing); // the text file may not have it
            }
        } catch (Throwable t) {
            dev.crosstalk.bootstrap.Hooks.error(t);
        } finally {
            logback.stop();
        }
    }
}
