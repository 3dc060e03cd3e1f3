package dev.crosstalk.agent.report;

import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingFields;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.finding.SeverityCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes {@code crosstalk-report.json} and the self-contained {@code crosstalk-report.html} into one
 * directory: at shutdown, and whenever someone creates {@code crosstalk-report.request} there (the
 * on-demand trigger: {@code touch} works in any container, needs no JMX port, and the file is deleted
 * once the report is written). Files are written to a temporary name and moved into place, so a
 * reader never sees half a report.
 */
public final class ReportWriter {
    /** The file whose appearance asks for a report now. */
    public static final String TRIGGER = "crosstalk-report.request";

    private final Path directory;
    private final FindingRegistry registry;
    private final AgentInfo agent;
    private final Supplier<Map<String, Object>> counters;

    /**
     * @param counters the summary's counts beyond the findings themselves ({@code requests}, what was
     *                 watched, what the caps dropped, {@code agentErrors}: see {@code Installer.counters}),
     *                 asked for at each report
     */
    public ReportWriter(Path directory, FindingRegistry registry, AgentInfo agent, Supplier<Map<String, Object>> counters) {
        this.directory = directory;
        this.registry = registry;
        this.agent = agent;
        this.counters = counters;
    }

    /** Where the reports go. */
    public Path directory() {
        return directory;
    }

    /** Writes a report if the trigger file is there; one {@code exists} call otherwise. */
    boolean writeIfRequested() throws IOException {
        Path trigger = directory.resolve(TRIGGER);
        if (!Files.exists(trigger)) {
            return false;
        }
        // Consumed first: a request made while this one is written asks for another report.
        Files.deleteIfExists(trigger);
        write("on-demand");
        return true;
    }

    /** Writes both files now; {@code trigger} says why ({@code shutdown}, {@code on-demand}). */
    public void write(String trigger) throws IOException {
        String json = Json.write(report(trigger));
        Files.createDirectories(directory);
        replace(directory.resolve("crosstalk-report.json"), json);
        replace(directory.resolve("crosstalk-report.html"), HtmlReport.render(json));
    }

    Map<String, Object> report(String trigger) {
        List<Finding> findings = new ArrayList<>();
        for (Finding f : registry.all()) {
            findings.add(f.snapshot());
        }
        findings.sort(Comparator.comparing((Finding f) -> -f.severity().ordinal()).thenComparing(Finding::state)
                .thenComparing(Finding::fingerprint));
        SeverityCounts bySeverity = SeverityCounts.of(findings);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> item = FindingFields.of(f);
            item.put("timeline", timeline(f));
            items.add(item);
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("generatedAt", Instant.now().toString());
        about.put("trigger", trigger);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("findings", findings.size());
        for (Severity s : Severity.values()) {
            summary.put(s.label(), bySeverity.get(s));
        }
        summary.putAll(counters.get());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report", about);
        m.put("agent", agent.fields());
        m.put("summary", summary);
        m.put("findings", items);
        return m;
    }

    /**
     * The requests involved, in the order that makes the bug: the writer's part (writes, publishes and
     * fills, resets, sets, mutates) before the reader's.
     */
    static List<Map<String, Object>> timeline(Finding f) {
        List<Map<String, Object>> out = new ArrayList<>();
        FindingType t = f.type();
        String writerRole = t == FindingType.RESET_DURING_USE ? "resets"
                : t == FindingType.PUBLISH_THEN_POPULATE || t == FindingType.PARTIAL_INIT_READ ? "publishes"
                : t == FindingType.THREADLOCAL_CARRYOVER ? "sets"
                : t == FindingType.UNSAFE_CONCURRENT_MUTATION ? "mutates" : "writes";
        if (f.writer() != null) {
            out.add(entry(writerRole, f.writer(), f.writer().location()));
            Object fills = f.details().get(t == FindingType.PARTIAL_INIT_READ ? "filledAt" : "fillsAfterPublication");
            if (fills instanceof List) {
                for (Object at : (List<?>) fills) {
                    out.add(entry("fills", f.writer(), String.valueOf(at)));
                }
            } else if (fills != null) {
                out.add(entry("fills", f.writer(), String.valueOf(fills)));
            }
        }
        if (f.reader() != null) {
            out.add(entry(t == FindingType.UNSAFE_CONCURRENT_MUTATION ? "mutates" : "reads", f.reader(),
                    f.reader().location()));
        }
        return out;
    }

    private static Map<String, Object> entry(String role, Evidence e, String location) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("requestId", e.requestId());
        m.put("label", e.label());
        m.put("thread", e.thread());
        m.put("session", e.session());
        m.put("location", location);
        if (e.atMillis() > 0) {
            m.put("at", Instant.ofEpochMilli(e.atMillis()).toString());
        }
        return m;
    }

    private void replace(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
