package dev.crosstalk.agent.userdata;

import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.MarkSink;
import java.util.Collection;

/**
 * The runtime behind {@link dev.crosstalk.bootstrap.MarkHooks}: marks values that come from the
 * current request's user-specific inputs and values computed from them, in that request's own
 * {@link RequestMarks}. Outside requests, and in requests that have met no source yet, every call
 * returns after one thread-local read.
 */
public final class UserMarks implements MarkSink {

    @Override
    public void source(Object value, int kind, Object name) {
        RequestContext request = ThreadState.get().activeRequest();
        if (request == null) {
            return;
        }
        RequestMarks marks = request.marksToFill();
        Mark mark = Mark.of(new Source(kind, name));
        marks.add(value, mark);
        if (value instanceof Object[]) {
            for (Object element : (Object[]) value) {
                if (element != null) {
                    marks.add(element, mark);
                }
            }
        }
    }

    @Override
    public void derive(Object from, Object result) {
        RequestMarks marks = marks();
        if (marks == null) {
            return;
        }
        Mark m = marks.get(from);
        if (m != null) {
            marks.add(result, m);
        }
    }

    @Override
    public void deriveAll(Object[] from, Object result) {
        RequestMarks marks = marks();
        if (marks == null) {
            return;
        }
        Mark all = null;
        for (Object part : from) {
            Mark m = part == null ? null : marks.get(part);
            if (m != null) {
                all = all == null ? m : all.union(m);
            }
        }
        if (all != null) {
            marks.add(result, all);
        }
    }

    @Override
    public boolean tracking() {
        return marks() != null;
    }

    private static RequestMarks marks() {
        RequestContext request = ThreadState.get().activeRequest();
        return request == null ? null : request.marks();
    }

    /** The mark of {@code value} in {@code request}, or null (no request, no source met, or not derived). */
    public static Mark markOf(RequestContext request, Object value) {
        if (request == null || value == null) {
            return null;
        }
        RequestMarks marks = request.marks();
        return marks == null ? null : marks.get(value);
    }

    /**
     * What of {@code value}'s inputs the key of a container entry leaves out: a value computed from
     * the key alone (a memo, a per-user entry under a user's key) carries nothing the key does not.
     */
    public static Mark beyondKey(RequestContext request, Object key, Object value) {
        Mark v = markOf(request, value);
        if (v == null) {
            return null;
        }
        return v.minus(keyMark(request, key));
    }

    private static Mark keyMark(RequestContext request, Object key) {
        Mark k = markOf(request, key);
        if (k == null && key instanceof Collection) {
            for (Object part : (Collection<?>) key) {
                Mark m = markOf(request, part);
                k = m == null ? k : k == null ? m : k.union(m);
            }
        }
        return k;
    }

    /** A lookup in a shared map with a key derived from this request's input returns that input's entry. */
    public static void lookedUp(RequestContext request, Object key, Object value) {
        Mark k = markOf(request, key);
        if (k != null && value != null) {
            request.marksToFill().add(value, k);
        }
    }
}
