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
    public boolean enabled = true;
    public String text = "stderr";
    public Severity textSeverity = Severity.WARNING;
    public String json;
    public Severity jsonSeverity = Severity.INFO;
    public List<String> include = new ArrayList<>();
    public List<String> exclude = new ArrayList<>();
    public List<Boundaries.EntryMethod> entries = new ArrayList<>();
    public int maxKeys = 10_000;
    public int maxContainers = 100_000;
    public int maxFindings = 10_000;
    public int maxSites = dev.crosstalk.agent.state.SiteTable.DEFAULT_MAX;
    public int maxFields = dev.crosstalk.agent.state.FieldTable.DEFAULT_MAX;
    public long updateMillis = 5_000;
    public boolean showKeys;
    public boolean selfTest = true;
    public long fileMaxBytes = 100L << 20;
    public int fileMaxCount = 5;
    public String jsonTcpHost;
    public int jsonTcpPort;
    public int jsonTcpBuffer = 10_000;
    public String report = ".";
    public List<String> suppressStates = new ArrayList<>();
    public List<String> suppressTypes = new ArrayList<>();
    public List<String> suppressFingerprints = new ArrayList<>();
    public String baseline;
    public String baselineWrite;

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
