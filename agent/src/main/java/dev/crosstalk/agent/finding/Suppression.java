package dev.crosstalk.agent.finding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which findings are not reported: those of a type, a state or a fingerprint the user silenced
 * ({@code suppress-type}, {@code suppress-state}, {@code suppress-fingerprint}), and those whose
 * fingerprint is in the baseline ({@code baseline=}). The registry asks once per distinct finding, when
 * it is created, and again for a baseline finding whose severity rose.
 */
public final class Suppression {
    /** Why a finding was not reported; {@link #id()} is how the summary and reports name it. */
    public enum Reason {
        /** Its type is in {@code suppress-type}. */
        TYPE("type"),
        /** Its state matches {@code suppress-state}. */
        STATE("state"),
        /** Its fingerprint is in {@code suppress-fingerprint}. */
        FINGERPRINT("fingerprint"),
        /** Its fingerprint is in the {@code baseline} file. */
        BASELINE("baseline");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        /** The reason's name in the output. */
        public String id() {
            return id;
        }
    }

    private static final Suppression NONE = new Suppression(List.of(), List.of(), List.of(), Map.of());

    private final Set<String> types;
    private final List<Pattern> states;
    private final Set<String> fingerprints;
    private final Map<String, Severity> baseline;

    /**
     * @param statePatterns state names where {@code *} matches any text; each is matched against the
     *                      whole state name and against its field alone (the name before {@code [})
     * @param typeIds       finding type ids ({@code cross-request-flow})
     * @param fingerprints  fingerprints ({@code ct1-0123456789abcdef})
     * @param baseline      fingerprints of known findings, each with the highest severity at which it is
     *                      still known (see {@link Baseline#read})
     */
    public Suppression(Collection<String> statePatterns, Collection<String> typeIds, Collection<String> fingerprints,
            Map<String, Severity> baseline) {
        List<Pattern> patterns = new ArrayList<>();
        for (String p : statePatterns) {
            patterns.add(glob(p));
        }
        this.states = Collections.unmodifiableList(patterns);
        this.types = Collections.unmodifiableSet(new HashSet<>(typeIds));
        this.fingerprints = Collections.unmodifiableSet(new HashSet<>(fingerprints));
        this.baseline = Collections.unmodifiableMap(new HashMap<>(baseline));
    }

    /** Nothing suppressed. */
    public static Suppression none() {
        return NONE;
    }

    /**
     * Why {@code f} is not to be reported, or null. The options come first, so a finding both silenced
     * by an option and in the baseline counts as silenced by the option. A baseline finding is
     * reported after all once its severity is above the one its baseline line names: a cache once
     * accepted as harmless that turns out to serve one request's data to another is news.
     */
    public Reason reason(Finding f) {
        if (types.contains(f.type().id())) {
            return Reason.TYPE;
        }
        if (!states.isEmpty() && matchesState(f.state())) {
            return Reason.STATE;
        }
        if (fingerprints.contains(f.fingerprint())) {
            return Reason.FINGERPRINT;
        }
        Severity known = baseline.get(f.fingerprint());
        return known != null && known.atLeast(f.severity()) ? Reason.BASELINE : null;
    }

    /** True when the baseline lists {@code fingerprint}, at whatever severity. */
    public boolean inBaseline(String fingerprint) {
        return baseline.containsKey(fingerprint);
    }

    /** The highest severity at which the baseline knows {@code fingerprint}, or null. */
    public Severity baselineSeverity(String fingerprint) {
        return baseline.get(fingerprint);
    }

    /** Every fingerprint of the baseline. */
    public Set<String> baselineFingerprints() {
        return baseline.keySet();
    }

    private boolean matchesState(String state) {
        if (state == null) {
            return false;
        }
        int bracket = state.indexOf('[');
        String field = bracket < 0 ? null : state.substring(0, bracket);
        for (Pattern p : states) {
            if (p.matcher(state).matches() || field != null && p.matcher(field).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code com.acme.*.cache} as a regular expression: {@code *} is any text, everything else literal. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', from)) {
            if (star > from) {
                regex.append(Pattern.quote(pattern.substring(from, star)));
            }
            regex.append(".*");
            from = star + 1;
        }
        if (from < pattern.length()) {
            regex.append(Pattern.quote(pattern.substring(from)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
