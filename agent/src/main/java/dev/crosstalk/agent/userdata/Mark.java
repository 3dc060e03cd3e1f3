package dev.crosstalk.agent.userdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inputs a value was computed from, as far as they were followed: a small immutable set of
 * {@link Source}s (at most {@link #MAX}; a value built from more keeps the first ones).
 */
public final class Mark {
    static final int MAX = 4;

    private final Source[] sources;

    private Mark(Source[] sources) {
        this.sources = sources;
    }

    /** A mark with the one source {@code s}. */
    public static Mark of(Source s) {
        return new Mark(new Source[] {s});
    }

    /**
     * Recent single-source marks: a request meets the same few named inputs (the parameter {@code
     * song}) on every call of a source, and marks are immutable, so one instance serves them all.
     */
    private static final int SINGLES = 64;
    private static final Mark[] SINGLE = new Mark[SINGLES];

    /** The mark of the one input of kind {@code kind} named {@code name}. */
    static Mark ofInput(int kind, Object name) {
        if (name != null && !(name instanceof String)) {
            return of(new Source(kind, name));
        }
        int slot = (kind * 31 + (name == null ? 0 : name.hashCode())) & (SINGLES - 1);
        Mark m = SINGLE[slot]; // a racy read sees null or a whole mark (final fields), both fine
        if (m != null && m.sources[0].is(kind, (String) name)) {
            return m;
        }
        m = of(new Source(kind, name));
        SINGLE[slot] = m;
        return m;
    }

    /** The inputs the value derives from. */
    public List<Source> sources() {
        return Arrays.asList(sources);
    }

    /** This mark with the sources of {@code other} added; this very mark when nothing is new. */
    public Mark union(Mark other) {
        if (other == null || other == this) {
            return this;
        }
        List<Source> all = null;
        for (Source s : other.sources) {
            if (!contains(s) && (all == null || !all.contains(s))) {
                if (all == null) {
                    all = new ArrayList<>(Arrays.asList(sources));
                }
                if (all.size() < MAX) {
                    all.add(s);
                }
            }
        }
        return all == null ? this : new Mark(all.toArray(new Source[0]));
    }

    /** The sources of this mark that {@code covered} lacks (null: none), e.g. what a cache key leaves out. */
    public Mark minus(Mark covered) {
        if (covered == null) {
            return this;
        }
        List<Source> rest = new ArrayList<>();
        for (Source s : sources) {
            if (!covered.contains(s)) {
                rest.add(s);
            }
        }
        return rest.isEmpty() ? null : rest.size() == sources.length ? this : new Mark(rest.toArray(new Source[0]));
    }

    boolean contains(Source s) {
        for (Source mine : sources) {
            if (mine.equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** {@code the header `Accept-Language` and the parameter `item`}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sources.length; i++) {
            if (i > 0) {
                sb.append(i == sources.length - 1 ? " and " : ", ");
            }
            sb.append(sources[i].describe());
        }
        return sb.toString();
    }
}
