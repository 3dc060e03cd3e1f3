package dev.crosstalk.agent.config;

import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Severity;
import dev.crosstalk.agent.instrument.Boundaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Turns option text into values. Every parser throws {@link IllegalArgumentException} for text it
 * rejects; the option table turns that into the option's one-line message.
 */
final class Parsers {
    private Parsers() {
    }

    static IllegalArgumentException rejected() {
        return new IllegalArgumentException();
    }

    static String nonEmpty(String value) {
        if (value.isEmpty()) {
            throw rejected();
        }
        return value;
    }

    /** {@code off} is null; anything else must not be empty. */
    static String offOrNonEmpty(String value) {
        return value.equals("off") ? null : nonEmpty(value);
    }

    static boolean bool(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw rejected();
    }

    static Severity severity(String value) {
        Severity s = Severity.parse(value);
        if (s == null) {
            throw rejected();
        }
        return s;
    }

    /** A whole number from 1 to {@code max}. */
    static int count(String value, int max) {
        int n = Integer.parseInt(value);
        if (n < 1 || n > max) {
            throw rejected();
        }
        return n;
    }

    static long size(String value) {
        String v = value.toUpperCase(Locale.ROOT);
        long unit = v.endsWith("GB") ? 1L << 30 : v.endsWith("MB") ? 1L << 20 : v.endsWith("KB") ? 1L << 10 : 0;
        if (unit == 0) {
            throw rejected();
        }
        long bytes = Long.parseLong(v.substring(0, v.length() - 2)) * unit;
        if (bytes < 1L << 10 || bytes > 10L << 30) {
            throw rejected();
        }
        return bytes;
    }

    static long duration(String value) {
        long millis;
        if (value.endsWith("ms")) {
            millis = Long.parseLong(value.substring(0, value.length() - 2));
        } else if (value.endsWith("s")) {
            millis = Long.parseLong(value.substring(0, value.length() - 1)) * 1000;
        } else if (value.endsWith("m")) {
            millis = Long.parseLong(value.substring(0, value.length() - 1)) * 60_000;
        } else if (value.endsWith("h")) {
            millis = Long.parseLong(value.substring(0, value.length() - 1)) * 3_600_000;
        } else {
            throw rejected();
        }
        if (millis < 100 || millis > 3_600_000) {
            throw rejected();
        }
        return millis;
    }

    /** {@code ;}-separated values, at least one. */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw rejected();
        }
        return out;
    }

    static List<String> prefixes(String value) {
        return Collections.unmodifiableList(
                listOf(value, p -> p.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*\\.?")));
    }

    static List<Boundaries.EntryMethod> entries(String value) {
        List<Boundaries.EntryMethod> out = new ArrayList<>();
        for (String e : list(value)) {
            int hash = e.indexOf('#');
            if (hash <= 0 || hash == e.length() - 1 || e.indexOf('#', hash + 1) >= 0) {
                throw rejected();
            }
            out.add(new Boundaries.EntryMethod(e.substring(0, hash), e.substring(hash + 1)));
        }
        return out;
    }

    static List<String> findingTypes(String value) {
        return listOf(value, t -> Arrays.stream(FindingType.values()).anyMatch(ft -> ft.id().equals(t)));
    }

    static List<String> fingerprints(String value) {
        return listOf(value, f -> f.matches("ct1-[0-9a-f]{16}"));
    }

    /** A {@link #list} whose every item is {@code valid}; one that is not rejects the whole value. */
    private static List<String> listOf(String value, java.util.function.Predicate<String> valid) {
        List<String> out = list(value);
        for (String item : out) {
            if (!valid.test(item)) {
                throw rejected();
            }
        }
        return out;
    }

    /** {@code host:port}, port 1 to 65535; both parts set together so a bad value changes neither. */
    static void hostPort(Options o, String value) {
        if (value.equals("off")) {
            o.jsonTcpHost = null;
            return;
        }
        int colon = value.lastIndexOf(':');
        int port = colon > 0 ? Integer.parseInt(value.substring(colon + 1)) : -1;
        if (port < 1 || port > 65535) {
            throw rejected();
        }
        o.jsonTcpHost = value.substring(0, colon);
        o.jsonTcpPort = port;
    }
}
