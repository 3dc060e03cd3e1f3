package dev.crosstalk.agent.config;

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
public final class Options {
    /** What each known option accepts, in table order, for messages. */
    public static final Map<String, String> ACCEPTS;

    static {
        Map<String, String> accepts = new LinkedHashMap<>();
        for (Option o : OptionTable.ROWS) {
            accepts.put(o.name(), o.accepts());
        }
        ACCEPTS = Collections.unmodifiableMap(accepts);
    }

    // One field per option of OptionTable, named after it; the defaults are the README's.
    /** {@code enabled}: false leaves the application uninstrumented. */
    public boolean enabled = true;
    /** {@code text}: the text output ({@code stderr}, {@code stdout} or a path), or null when off. */
    public String text = "stderr";
    /** {@code text-severity}: the lowest severity the text output writes. */
    public Severity textSeverity = Severity.WARNING;
    /** {@code json}: the JSON lines output (a path), or null when off. */
    public String json;
    /** {@code json-severity}: the lowest severity the JSON output writes. */
    public Severity jsonSeverity = Severity.INFO;
    /** {@code include}: the only package prefixes instrumented, when not empty. */
    public List<String> include = new ArrayList<>();
    /** {@code exclude}: package prefixes left uninstrumented. */
    public List<String> exclude = new ArrayList<>();
    /** {@code entry}: request entry methods (message listeners, jobs). */
    public List<Boundaries.EntryMethod> entries = new ArrayList<>();
    /** {@code max-keys}: how many keys of one container are tracked one by one. */
    public int maxKeys = 10_000;
    /** {@code max-containers}: how many containers are tracked at most. */
    public int maxContainers = 100_000;
    /** {@code max-findings}: how many distinct findings are kept at most. */
    public int maxFindings = 10_000;
    /** {@code max-sites}: how many access sites are registered at most. */
    public int maxSites = dev.crosstalk.agent.state.SiteTable.DEFAULT_MAX;
    /** {@code max-fields}: how many fields are watched at most. */
    public int maxFields = dev.crosstalk.agent.state.FieldTable.DEFAULT_MAX;
    /** {@code update-interval}: how often count updates are written, in milliseconds. */
    public long updateMillis = 5_000;
    /** {@code show-keys}: true shows container keys in state names instead of their hashes. */
    public boolean showKeys;
    /** {@code self-test}: false skips the canary self-test at start-up. */
    public boolean selfTest = true;
    /** {@code file-max-size}: the size, in bytes, at which a text or JSON file rolls over. */
    public long fileMaxBytes = 100L << 20;
    /** {@code file-max-count}: how many rolled output files are kept. */
    public int fileMaxCount = 5;
    /** {@code json-tcp}: the TCP input's host, or null when off. */
    public String jsonTcpHost;
    /** {@code json-tcp}: the TCP input's port. */
    public int jsonTcpPort;
    /** {@code json-tcp-buffer}: how many events are held while the TCP input is away. */
    public int jsonTcpBuffer = 10_000;
    /** {@code report}: where the reports are written at shutdown and on demand, or null when off. */
    public String report = ".";
    /** {@code suppress-state}: state patterns ({@code *} matching any text) whose findings are left out. */
    public List<String> suppressStates = new ArrayList<>();
    /** {@code suppress-type}: finding types left out. */
    public List<String> suppressTypes = new ArrayList<>();
    /** {@code suppress-fingerprint}: fingerprints of findings left out. */
    public List<String> suppressFingerprints = new ArrayList<>();
    /** {@code baseline}: the baseline file whose findings are left out, or null. */
    public String baseline;
    /** {@code baseline-write}: where to write the baseline at exit, or null. */
    public String baselineWrite;
    /** {@code user-cookies}: the cookies that identify a user without a session. */
    public List<String> userCookies = dev.crosstalk.agent.userdata.Identity.DEFAULT_COOKIES;
    /** {@code user-headers}: the headers that identify a user without a session. */
    public List<String> userHeaders = dev.crosstalk.agent.userdata.Identity.DEFAULT_HEADERS;

    /** Thrown for an option that cannot be used; its message is the one line users see. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Options from the agent arguments alone. */
    public static Options parse(String args) throws Invalid {
        return load(args, Map.of(), Map.of());
    }

    /** A line about an ambient setting that was ignored (an unknown crosstalk.* property, say). */
    public final List<String> notes = new ArrayList<>();

    /**
     * Options from every source. Highest precedence first: the agent arguments, system properties
     * {@code crosstalk.<key>}, environment variables {@code CROSSTALK_<KEY>}, then the file named by
     * {@code config=} (taken from the first of those sources that names one). A single-valued option
     * takes the value of the highest source that sets it; list options ({@code include}, {@code
     * exclude}, {@code entry}) collect the values of every source. Unknown keys in the agent
     * arguments or the file are errors; unknown {@code crosstalk.*} properties and {@code CROSSTALK_*}
     * variables, which other tools may set, are noted and ignored.
     */
    public static Options load(String args, Map<String, String> systemProperties, Map<String, String> environment)
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
                        + String.join(", ", OptionTable.names()) + ")");
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
        Option option = OptionTable.get(key);
        try {
            if (option == null) {
                throw new Invalid("crosstalk: unknown option '" + key + "'; known options: "
                        + String.join(", ", OptionTable.names()));
            }
            option.apply(this, value);
        } catch (Invalid e) {
            throw source == null ? e : new Invalid(e.getMessage() + " (from " + source + ")");
        }
    }
}
