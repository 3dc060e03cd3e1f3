package dev.crosstalk.agent.finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Baseline files: the fingerprints of known findings, which {@code baseline=PATH} does not report
 * again, and which {@code baseline-write=PATH} writes from the findings of a run.
 *
 * <p>One fingerprint per line; blank lines and lines starting with {@code #} are ignored, and so is
 * everything after a {@code #} on a fingerprint's line, except its first word when that is a severity:
 * the finding stays known up to that severity and is reported if it rises above it. Written baselines
 * put the severity, type and state there, for the human who reviews the file:
 * {@code ct1-c862ec81a938237f # error cross-request-flow com.acme.Remixer.cache[key#6b34]}.
 */
public final class Baseline {
    private static final Pattern FINGERPRINT = Pattern.compile("ct1-[0-9a-f]{16}");
    private static final int SHOWN_LINE = 60;

    private Baseline() {
    }

    /** A baseline file that cannot be used; the message says why in a few words. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** The fingerprints of {@code file}, each with the highest severity at which it is known. */
    public static Map<String, Severity> read(Path file) throws IOException, Invalid {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Map<String, Severity> parse(List<String> lines) throws Invalid {
        Map<String, Severity> known = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int hash = line.indexOf('#');
            String fingerprint = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!FINGERPRINT.matcher(fingerprint).matches()) {
                String shown = line.length() > SHOWN_LINE ? line.substring(0, SHOWN_LINE) + "…" : line;
                throw new Invalid("line " + (i + 1) + " is not a fingerprint: '" + shown + "'");
            }
            Severity upTo = hash < 0 ? null : Severity.parse(firstWord(line.substring(hash + 1)));
            // A line without a severity was written by hand: it means the finding, at any severity.
            known.merge(fingerprint, upTo == null ? Severity.ERROR : upTo, (a, b) -> a.atLeast(b) ? a : b);
        }
        return known;
    }

    private static String firstWord(String s) {
        String t = s.strip();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }

    /**
     * Writes the baseline of this run to {@code file} (through a temporary file next to it, so that a
     * reader never sees half of it): every finding seen, reported or known from the baseline, whatever
     * its severity; not those silenced only by a {@code suppress-*} option, which stay the options'
     * business. Fingerprints of the old baseline not seen in this run are listed as comments.
     *
     * @param writtenBy who wrote it, for the header ({@code crosstalk 0.1.0})
     * @return how many fingerprints were written
     */
    public static int write(Path file, FindingRegistry registry, String writtenBy) throws IOException {
        List<String> lines = lines(registry, writtenBy);
        Path absolute = file.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
        return (int) lines.stream().filter(l -> !l.startsWith("#")).count();
    }

    static List<String> lines(FindingRegistry registry, String writtenBy) {
        Suppression suppression = registry.suppression();
        // Sorted by fingerprint: two baselines of similar runs differ only where the findings do.
        Map<String, String> entries = new TreeMap<>();
        List<Finding> seen = new ArrayList<>(registry.all());
        for (Finding f : registry.suppressedFindings()) {
            if (suppression.inBaseline(f.fingerprint())) {
                seen.add(f);
            }
        }
        for (Finding f : seen) {
            Severity severity = f.severity();
            Severity known = suppression.baselineSeverity(f.fingerprint());
            if (known != null && known.atLeast(severity)) {
                severity = known; // what the old baseline accepted stays accepted
            }
            entries.put(f.fingerprint(), f.fingerprint() + " # " + severity.label() + " " + f.type().id() + " "
                    + f.state());
        }
        List<String> lines = new ArrayList<>();
        lines.add("# crosstalk baseline, written by " + writtenBy + " at " + java.time.Instant.now() + ".");
        lines.add("# Findings with these fingerprints are not reported with baseline=<this file>; one fingerprint");
        lines.add("# per line, then '#', the severity up to which it is known, its type and its state. A finding");
        lines.add("# whose severity rises above the one on its line is reported again.");
        lines.addAll(entries.values());
        TreeSet<String> unseen = new TreeSet<>(suppression.baselineFingerprints());
        unseen.removeAll(entries.keySet());
        if (!unseen.isEmpty()) {
            lines.add("# In the previous baseline but not seen in this run (fixed, or its code did not run):");
            for (String fingerprint : unseen) {
                lines.add("# " + fingerprint);
            }
        }
        return lines;
    }
}
