package dev.crosstalk.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option of the agent, in the order of the README's option table, which {@code
 * OptionTableReadmeTest} keeps identical to {@link #markdown()}. To add an option: a field in
 * {@link Options}, a row here, the same row in the README.
 */
public final class OptionTable {
    private static final int MAX_COUNT = 10_000_000;

    /** The rows, in README order. */
    public static final List<Option> ROWS = List.of(
            new Option("enabled", "`true`",
                    "true or false",
                    "`true`, `false`",
                    (o, v) -> o.enabled = Parsers.bool(v)),
            new Option("text", "`stderr`",
                    "stderr, stdout, off, or a file path",
                    "`stderr`, `stdout`, `off`, or a file path: readable blocks, one per finding, then one-line count updates",
                    (o, v) -> o.text = Parsers.offOrNonEmpty(v)),
            new Option("text-severity", "`warning`",
                    "info, warning or error",
                    "`info`, `warning`, `error`: the lowest severity written as text",
                    (o, v) -> o.textSeverity = Parsers.severity(v)),
            new Option("json", "off",
                    "off, stdout, or a file path",
                    "`off`, `stdout`, or a file path: one JSON object per finding event",
                    (o, v) -> o.json = Parsers.offOrNonEmpty(v)),
            new Option("json-severity", "`info`",
                    "info, warning or error",
                    "`info`, `warning`, `error` (also for `json-tcp`)",
                    (o, v) -> o.jsonSeverity = Parsers.severity(v)),
            new Option("json-tcp", "off",
                    "off, or host:port of a TCP input that takes JSON lines (logstash:5000)",
                    "`off`, or `host:port` of a TCP input that takes JSON lines (Logstash `tcp` with the `json_lines` codec, Fluentd `in_tcp`, Vector `socket`): the same events as `json`, with reconnection; what arrives after the input was away is in [docs/findings.md](docs/findings.md#over-tcp-json-tcp)",
                    (o, v) -> Parsers.hostPort(o, v)),
            new Option("json-tcp-buffer", "`10000`",
                    "a whole number from 1 to 10000000 (events held while the TCP input is away)",
                    "how many events are held while the TCP input is away, 1 to 10000000; when full the oldest is dropped (counted in the summary line)",
                    (o, v) -> o.jsonTcpBuffer = Parsers.count(v, MAX_COUNT)),
            new Option("report", "`.` (the working directory)",
                    "off, or a directory for crosstalk-report.json and crosstalk-report.html",
                    "where `crosstalk-report.json` and `crosstalk-report.html` are written at shutdown and on demand (see [Reports](#reports)), or `off`",
                    (o, v) -> o.report = Parsers.offOrNonEmpty(v)),
            new Option("include", "(all application classes)",
                    "package prefixes separated by ';' (com.acme;org.example)",
                    "package prefixes, `com.acme;org.example`: only these are instrumented",
                    (o, v) -> o.include.addAll(Parsers.prefixes(v))),
            new Option("exclude", "(none)",
                    "package prefixes separated by ';' (com.acme.generated)",
                    "package prefixes removed from what is instrumented",
                    (o, v) -> o.exclude.addAll(Parsers.prefixes(v))),
            new Option("entry", "(none)",
                    "entry methods separated by ';' as Class#method (com.acme.Worker#handle)",
                    "request entry methods as `Class#method`, `com.acme.Worker#handle;com.acme.Job#run` (message listeners, jobs)",
                    (o, v) -> o.entries.addAll(Parsers.entries(v))),
            new Option("max-keys", "`10000`",
                    "a whole number from 1 to 10000000",
                    "per shared container, how many keys are tracked one by one (the rest share one state)",
                    (o, v) -> o.maxKeys = Parsers.count(v, MAX_COUNT)),
            new Option("max-containers", "`100000`",
                    "a whole number from 1 to 10000000",
                    "how many shared containers are tracked at once",
                    (o, v) -> o.maxContainers = Parsers.count(v, MAX_COUNT)),
            new Option("max-findings", "`10000`",
                    "a whole number from 1 to 10000000",
                    "how many distinct findings are kept (more are counted as dropped in the summary); `info` findings fill at most nine tenths, the rest is kept for warnings and errors",
                    (o, v) -> o.maxFindings = Parsers.count(v, MAX_COUNT)),
            new Option("max-sites", "`1000000`",
                    "a whole number from 1 to 10000000",
                    "how many instrumented access sites are kept; once reached, classes loaded later are left uninstrumented (counted in the summary)",
                    (o, v) -> o.maxSites = Parsers.count(v, MAX_COUNT)),
            new Option("max-fields", "`200000`",
                    "a whole number from 1 to 10000000",
                    "how many static fields (and fields of shared objects) are tracked; once reached, classes loaded later are left uninstrumented (counted in the summary)",
                    (o, v) -> o.maxFields = Parsers.count(v, MAX_COUNT)),
            new Option("update-interval", "`5s`",
                    "a duration from 100ms to 1h, as 500ms, 5s or 2m",
                    "how often count updates are written: `500ms`, `5s`, `2m` (100 ms to 1 h)",
                    (o, v) -> o.updateMillis = Parsers.duration(v)),
            new Option("show-keys", "`false`",
                    "true or false",
                    "`true` shows container keys (truncated) instead of a hash, `key#3f2a`",
                    (o, v) -> o.showKeys = Parsers.bool(v)),
            new Option("self-test", "`true`",
                    "true or false",
                    "`false` skips the canary self-test at start-up",
                    (o, v) -> o.selfTest = Parsers.bool(v)),
            new Option("file-max-size", "`100MB`",
                    "a size from 1KB to 10GB, as 512KB, 100MB or 1GB",
                    "a text or JSON file rolls over at this size (`512KB`, `100MB`, `1GB`)",
                    (o, v) -> o.fileMaxBytes = Parsers.size(v)),
            new Option("file-max-count", "`5`",
                    "a whole number from 1 to 100",
                    "how many rolled-over files are kept (`findings.jsonl.1` … `.5`), 1 to 100",
                    (o, v) -> o.fileMaxCount = Parsers.count(v, 100)),
            new Option("suppress-type", "(none)",
                    "finding types separated by ';' (cross-request-flow;threadlocal-carryover)",
                    "finding types not reported, `cross-request-flow;reset-during-use`",
                    (o, v) -> o.suppressTypes.addAll(Parsers.findingTypes(v))),
            new Option("suppress-state", "(none)",
                    "state patterns separated by ';', '*' matching any text (com.acme.Cache.*)",
                    "state patterns not reported, `*` matching any text: `com.acme.Cache.*;*.sampleCache` (see [Silencing findings](#silencing-findings))",
                    (o, v) -> o.suppressStates.addAll(Parsers.list(v))),
            new Option("suppress-fingerprint", "(none)",
                    "fingerprints separated by ';' (ct1-0123456789abcdef)",
                    "fingerprints not reported, `ct1-c862ec81a938237f;ct1-bd7f13b89f93757d`",
                    (o, v) -> o.suppressFingerprints.addAll(Parsers.fingerprints(v))),
            new Option("baseline", "(none)",
                    "the path of a baseline file: fingerprints, one per line, not reported again",
                    "the path of a baseline file: findings whose fingerprint it lists are not reported",
                    (o, v) -> o.baseline = Parsers.nonEmpty(v)),
            new Option("baseline-write", "(none)",
                    "the path where the findings' fingerprints are written as a new baseline at exit",
                    "a path where the fingerprints of this run's findings are written as a baseline at exit",
                    (o, v) -> o.baselineWrite = Parsers.nonEmpty(v)),
            new Option("config", "(none)",
                    "the path of a properties file of options (json=..., max-keys=...)",
                    "the path of a properties file of options (`json=…`, `max-keys=…`); the lowest-precedence source",
                    (o, v) -> { })
    );

    private static final Map<String, Option> BY_NAME = new LinkedHashMap<>();

    static {
        for (Option o : ROWS) {
            BY_NAME.put(o.name(), o);
        }
    }

    private OptionTable() {
    }

    /** The row of {@code name}, or null for an unknown option. */
    public static Option get(String name) {
        return BY_NAME.get(name);
    }

    /** The known option names, in table order. */
    static Iterable<String> names() {
        return BY_NAME.keySet();
    }

    /** The README's option table, header included. */
    public static String markdown() {
        StringBuilder b = new StringBuilder("| option | default | accepts |\n| --- | --- | --- |\n");
        for (Option o : ROWS) {
            b.append(o.markdownRow()).append('\n');
        }
        return b.toString();
    }
}
