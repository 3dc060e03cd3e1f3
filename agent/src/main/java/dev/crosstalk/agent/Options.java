package dev.crosstalk.agent;

import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.instrument.Boundaries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's options: comma-separated {@code key=value} pairs after {@code -javaagent:...=}. List
 * options take {@code ;}-separated values and may be repeated. Every option and its default is in
 * the README's option table; an invalid one is reported by {@link #parse} as one line naming the
 * option, the value and what it accepts.
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
        ACCEPTS.put("update-interval", "a duration from 100ms to 1h, as 500ms, 5s or 2m");
        ACCEPTS.put("show-keys", "true or false");
        ACCEPTS.put("self-test", "true or false");
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
    long updateMillis = 5_000;
    boolean showKeys;
    boolean selfTest = true;

    /** Thrown for an option that cannot be used; its message is the one line users see. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static Options parse(String args) throws Invalid {
        Options o = new Options();
        if (args == null || args.isBlank()) {
            return o;
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
            o.set(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return o;
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
            case "max-keys":
                maxKeys = count(key, value);
                break;
            case "max-containers":
                maxContainers = count(key, value);
                break;
            case "max-findings":
                maxFindings = count(key, value);
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
