package dev.crosstalk.agent;

import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.instrument.Boundaries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's options: comma-separated {@code key=value} pairs after {@code -javaagent:...=}, system
 * properties {@code crosstalk.<key>}, environment variables {@code CROSSTALK_<KEY>} (dashes as
 * underscores) and a properties file named by {@code config=}, in that order of precedence (see
 * {@link #load}). List options take {@code ;}-separated values and may be repeated. Every option and
 * its default is in the README's option table; an invalid one is reported as one line naming the
 * option, the value, what it accepts and where it came from.
 */
final class Options {
    /** Every known option with what it accepts, for messages and the README. */
    static final Map<String, String> ACCEPTS = new LinkedHashMap<>();

    static {
        ACCEPTS.put("enabled", "true or false");
        ACCEPTS.put("text", "stderr, stdout, off, or a file path");
        ACCEPTS.put("text-severity", "info, warning or error");
        ACCEPTS.put("json", "off, stdout, or a file path");
        ACCEPTS.put("json-severity", "info, warning or error");
        ACCEPTS.put("include", "package prefixes separated by ';' (com.acme;org.example)");
        ACCEPTS.put("exclude", "package prefixes separated by ';' (com.acme.generated)");
        ACCEPTS.put("entry", "entry methods separated by ';' as Class#method (com.acme.Worker#handle)");
        ACCEPTS.put("max-keys", "a whole number from 1 to 10000000");
        ACCEPTS.put("max-containers", "a whole number from 1 to 10000000");
        ACCEPTS.put("max-findings", "a whole number from 1 to 10000000");
        ACCEPTS.put("max-sites", "a whole number from 1 to 10000000");
        ACCEPTS.put("max-fields", "a whole number from 1 to 10000000");
        ACCEPTS.put("update-interval", "a duration from 100ms to 1h, as 500ms, 5s or 2m");
        ACCEPTS.put("show-keys", "true or false");
        ACCEPTS.put("self-test", "true or false");
        ACCEPTS.put("file-max-size", "a size from 1KB to 10GB, as 512KB, 100MB or 1GB");
        ACCEPTS.put("file-max-count", "a whole number from 1 to 100");
        ACCEPTS.put("json-tcp", "off, or host:port of a TCP input that takes JSON lines (logstash:5000)");
        ACCEPTS.put("json-tcp-buffer", "a whole number from 1 to 10000000 (events held while the TCP input is away)");
        ACCEPTS.put("report", "off, or a directory for crosstalk-report.json and crosstalk-report.html");
        ACCEPTS.put("suppress-state", "state patterns separated by ';', '*' matching any text (com.acme.Cache.*)");
        ACCEPTS.put("suppress-type", "finding types separated by ';' (cross-request-flow;threadlocal-carryover)");
        ACCEPTS.put("suppress-fingerprint", "fingerprints separated by ';' (ct1-0123456789abcdef)");
        ACCEPTS.put("baseline", "the path of a baseline file: fingerprints, one per line, not reported again");
        ACCEPTS.put("baseline-write", "the path where the findings' fingerprints are written as a new baseline at exit");
        ACCEPTS.put("user-cookies", "cookie names separated by ';' whose value identifies a user when a request has no HttpSession (JSESSIONID;SESSION)");
        ACCEPTS.put("user-headers", "header names separated by ';' whose value identifies a user when a request has neither HttpSession nor one of the user-cookies (Authorization)");
        ACCEPTS.put("config", "the path of a properties file of options (json=..., max-keys=...)");
    }

    boolean enabled = true;
    String text = "stderr";
    Severity textSeverity = Severity.WARNING;
    String json;
    Severity jsonSeverity = Severity.INFO;
    List<String> include = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    List<Boundaries.EntryMethod> entries = new ArrayList<>();
    int maxKeys = 10_000;
    int maxContainers = 100_000;
    int maxFindings = 10_000;
    int maxSites = dev.crosstalk.agent.runtime.SiteTable.DEFAULT_MAX;
    int maxFields = dev.crosstalk.agent.runtime.FieldTable.DEFAULT_MAX;
    long updateMillis = 5_000;
    boolean showKeys;
    boolean selfTest = true;
    long fileMaxBytes = 100L << 20;
    int fileMaxCount = 5;
    String jsonTcpHost;
    int jsonTcpPort;
    int jsonTcpBuffer = 10_000;
    String report = ".";
    List<String> suppressStates = new ArrayList<>();
    List<String> suppressTypes = new ArrayList<>();
    List<String> suppressFingerprints = new ArrayList<>();
    String baseline;
    String baselineWrite;
    List<String> userCookies = dev.crosstalk.agent.userdata.Identity.DEFAULT_COOKIES;
    List<String> userHeaders = dev.crosstalk.agent.userdata.Identity.DEFAULT_HEADERS;

    /** Thrown for an option that cannot be used; its message is the one line users see. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Options from the agent arguments alone. */
    static Options parse(String args) throws Invalid {
        return load(args, Map.of(), Map.of());
    }

    /** A line about an ambient setting that was ignored (an unknown crosstalk.* property, say). */
    final List<String> notes = new ArrayList<>();

    /**
     * Options from every source. Highest precedence first: the agent arguments, system properties
     * {@code crosstalk.<key>}, environment variables {@code CROSSTALK_<KEY>}, then the file named by
     * {@code config=} (taken from the first of those sources that names one). A single-valued option
     * takes the value of the highest source that sets it; list options ({@code include}, {@code
     * exclude}, {@code entry}) collect the values of every source. Unknown keys in the agent
     * arguments or the file are errors; unknown {@code crosstalk.*} properties and {@code CROSSTALK_*}
     * variables, which other tools may set, are noted and ignored.
     */
    static Options load(String args, Map<String, String> systemProperties, Map<String, String> environment)
            throws Invalid {
        List<String[]> fromArgs = pairs(args);
        List<String[]> fromProperties = new ArrayList<>();
        List<String[]> fromEnvironment = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(systemProperties).entrySet()) {
            if (e.getKey().startsWith("crosstalk.junit.")) {
                continue; // the JUnit gate's own settings, not the agent's
            }
            if (e.getKey().startsWith("crosstalk.")) {
                String key = e.getKey().substring("crosstalk.".length());
                if (ACCEPTS.containsKey(key)) {
                    fromProperties.add(new String[] {key, e.getValue(), "system property " + e.getKey()});
                } else {
                    notes.add("crosstalk: ignored system property " + e.getKey() + ": not an option");
                }
            }
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(environment).entrySet()) {
            if (e.getKey().startsWith("CROSSTALK_")) {
                String key = e.getKey().substring("CROSSTALK_".length()).toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-');
                if (ACCEPTS.containsKey(key)) {
                    fromEnvironment.add(new String[] {key, e.getValue(), "environment variable " + e.getKey()});
                } else {
                    notes.add("crosstalk: ignored environment variable " + e.getKey() + ": not an option");
                }
            }
        }
        List<String[]> fromFile = new ArrayList<>();
        for (List<String[]> source : List.of(fromArgs, fromProperties, fromEnvironment)) {
            String[] config = last(source, "config");
            if (config != null) {
                fromFile = file(config[1], config[2]);
                break;
            }
        }
        Options o = new Options();
        o.notes.addAll(notes);
        // Lowest precedence first, so that higher sources overwrite single values.
        for (List<String[]> source : List.of(fromFile, fromEnvironment, fromProperties, fromArgs)) {
            for (String[] kv : source) {
                o.apply(kv[0], kv[1], kv[2]);
            }
        }
        return o;
    }

    private static List<String[]> pairs(String args) throws Invalid {
        List<String[]> out = new ArrayList<>();
        if (args == null || args.isBlank()) {
            return out;
        }
        for (String pair : args.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new Invalid("crosstalk: option '" + pair.trim() + "' has no value; write it as key=value (known options: "
                        + String.join(", ", ACCEPTS.keySet()) + ")");
            }
            out.add(new String[] {pair.substring(0, eq).trim(), pair.substring(eq + 1).trim(), null});
        }
        return out;
    }

    private static String[] last(List<String[]> source, String key) {
        String[] found = null;
        for (String[] kv : source) {
            if (kv[0].equals(key)) {
                found = kv;
            }
        }
        return found;
    }

    private static List<String[]> file(String path, String namedBy) throws Invalid {
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(path))) {
            p.load(r);
        } catch (java.io.IOException | RuntimeException e) {
            throw new Invalid("crosstalk: option 'config' accepts " + ACCEPTS.get("config") + ", not '" + path
                    + "' (" + e + ")" + (namedBy == null ? "" : " (from " + namedBy + ")"));
        }
        List<String[]> out = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            if (key.equals("config")) {
                throw new Invalid("crosstalk: option 'config' cannot be set inside the config file " + path);
            }
            out.add(new String[] {key, p.getProperty(key).trim(), "config file " + path});
        }
        return out;
    }

    /** Sets one option; a problem names the source unless it is the agent arguments. */
    private void apply(String key, String value, String source) throws Invalid {
        if (key.equals("config")) {
            return; // already read
        }
        try {
            set(key, value);
        } catch (Invalid e) {
            throw source == null ? e : new Invalid(e.getMessage() + " (from " + source + ")");
        }
    }

    private void set(String key, String value) throws Invalid {
        switch (key) {
            case "enabled":
                enabled = bool(key, value);
                break;
            case "text":
                text = value.equals("off") ? null : nonEmpty(key, value);
                break;
            case "text-severity":
                textSeverity = severity(key, value);
                break;
            case "json":
                json = value.equals("off") ? null : nonEmpty(key, value);
                break;
            case "json-severity":
                jsonSeverity = severity(key, value);
                break;
            case "include":
                include.addAll(prefixes(key, value));
                break;
            case "exclude":
                exclude.addAll(prefixes(key, value));
                break;
            case "entry":
                for (String e : list(key, value)) {
                    int hash = e.indexOf('#');
                    if (hash <= 0 || hash == e.length() - 1 || e.indexOf('#', hash + 1) >= 0) {
                        throw invalid(key, value);
                    }
                    entries.add(new Boundaries.EntryMethod(e.substring(0, hash), e.substring(hash + 1)));
                }
                break;
            case "user-cookies":
                userCookies = list(key, value);
                break;
            case "user-headers":
                userHeaders = list(key, value);
                break;
            case "max-keys":
                maxKeys = count(key, value);
                break;
            case "max-containers":
                maxContainers = count(key, value);
                break;
            case "max-findings":
                maxFindings = count(key, value);
                break;
            case "max-sites":
                maxSites = count(key, value);
                break;
            case "max-fields":
                maxFields = count(key, value);
                break;
            case "update-interval":
                updateMillis = duration(key, value);
                break;
            case "show-keys":
                showKeys = bool(key, value);
                break;
            case "self-test":
                selfTest = bool(key, value);
                break;
            case "file-max-size":
                fileMaxBytes = size(key, value);
                break;
            case "file-max-count": {
                int n = count(key, value);
                if (n > 100) {
                    throw invalid(key, value);
                }
                fileMaxCount = n;
                break;
            }
            case "json-tcp":
                if (value.equals("off")) {
                    jsonTcpHost = null;
                    break;
                }
                int colon = value.lastIndexOf(':');
                try {
                    int port = colon > 0 ? Integer.parseInt(value.substring(colon + 1)) : -1;
                    if (port < 1 || port > 65535) {
                        throw invalid(key, value);
                    }
                    jsonTcpHost = value.substring(0, colon);
                    jsonTcpPort = port;
                } catch (NumberFormatException e) {
                    throw invalid(key, value);
                }
                break;
            case "json-tcp-buffer":
                jsonTcpBuffer = count(key, value);
                break;
            case "report":
                report = value.equals("off") ? null : nonEmpty(key, value);
                break;
            case "suppress-state":
                suppressStates.addAll(list(key, value));
                break;
            case "suppress-type":
                for (String t : list(key, value)) {
                    if (java.util.Arrays.stream(dev.crosstalk.agent.finding.FindingType.values())
                            .noneMatch(ft -> ft.id().equals(t))) {
                        throw invalid(key, value);
                    }
                    suppressTypes.add(t);
                }
                break;
            case "suppress-fingerprint":
                for (String f : list(key, value)) {
                    if (!f.matches("ct1-[0-9a-f]{16}")) {
                        throw invalid(key, value);
                    }
                    suppressFingerprints.add(f);
                }
                break;
            case "baseline":
                baseline = nonEmpty(key, value);
                break;
            case "baseline-write":
                baselineWrite = nonEmpty(key, value);
                break;
            default:
                throw new Invalid("crosstalk: unknown option '" + key + "'; known options: "
                        + String.join(", ", ACCEPTS.keySet()));
        }
    }

    private static Invalid invalid(String key, String value) {
        return new Invalid("crosstalk: option '" + key + "' accepts " + ACCEPTS.get(key) + ", not '" + value + "'");
    }

    private static String nonEmpty(String key, String value) throws Invalid {
        if (value.isEmpty()) {
            throw invalid(key, value);
        }
        return value;
    }

    private static boolean bool(String key, String value) throws Invalid {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, value);
    }

    private static Severity severity(String key, String value) throws Invalid {
        Severity s = Severity.parse(value);
        if (s == null) {
            throw invalid(key, value);
        }
        return s;
    }

    private static int count(String key, String value) throws Invalid {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 10_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw invalid(key, value);
    }

    private static long size(String key, String value) throws Invalid {
        String v = value.toUpperCase(java.util.Locale.ROOT);
        long unit = v.endsWith("GB") ? 1L << 30 : v.endsWith("MB") ? 1L << 20 : v.endsWith("KB") ? 1L << 10 : 0;
        if (unit == 0) {
            throw invalid(key, value);
        }
        try {
            long bytes = Long.parseLong(v.substring(0, v.length() - 2)) * unit;
            if (bytes >= 1L << 10 && bytes <= 10L << 30) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw invalid(key, value);
    }

    private static long duration(String key, String value) throws Invalid {
        long millis;
        try {
            if (value.endsWith("ms")) {
                millis = Long.parseLong(value.substring(0, value.length() - 2));
            } else if (value.endsWith("s")) {
                millis = Long.parseLong(value.substring(0, value.length() - 1)) * 1000;
            } else if (value.endsWith("m")) {
                millis = Long.parseLong(value.substring(0, value.length() - 1)) * 60_000;
            } else if (value.endsWith("h")) {
                millis = Long.parseLong(value.substring(0, value.length() - 1)) * 3_600_000;
            } else {
                throw invalid(key, value);
            }
        } catch (NumberFormatException e) {
            throw invalid(key, value);
        }
        if (millis < 100 || millis > 3_600_000) {
            throw invalid(key, value);
        }
        return millis;
    }

    private static List<String> list(String key, String value) throws Invalid {
        List<String> out = new ArrayList<>();
        for (String s : value.split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw invalid(key, value);
        }
        return out;
    }

    private static List<String> prefixes(String key, String value) throws Invalid {
        List<String> out = list(key, value);
        for (String p : out) {
            if (!p.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*\\.?")) {
                throw invalid(key, value);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
