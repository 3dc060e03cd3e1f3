package dev.crosstalk.agent.userdata;

import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.MarkHooks;
import dev.crosstalk.bootstrap.MarkSink;

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
        Mark mark = Mark.ofInput(kind, name);
        marks.add(value, mark);
        if (value instanceof Object[]) {
            for (Object element : (Object[]) value) {
                if (element != null) {
                    marks.add(element, mark);
                }
            }
        }
    }

    /** Each argument of an {@code entry=} method (and what it holds, one level down) is the request's input. */
    @Override
    public void arguments(Class<?> owner, String method, String descriptor, Object[] args) {
        RequestContext request = ThreadState.get().activeRequest();
        if (request == null) {
            return;
        }
        String[] names = EntryArguments.names(owner, method, descriptor);
        for (int i = 0; i < args.length && i < names.length; i++) {
            if (args[i] != null && names[i] != null) {
                HeldMarks.spread(request.marksToFill(), args[i], Mark.of(new Source(MarkHooks.SRC_ARGUMENT, names[i])));
            }
        }
    }

    @Override
    public void derive(Object from, Object result) {
        RequestMarks marks = marks();
        if (marks == null) {
            return;
        }
        marks.derive(from, result);
    }

    @Override
    public void deriveAll(Object[] from, Object result) {
        RequestMarks marks = marks();
        if (marks == null) {
            return;
        }
        marks.deriveAll(from, result);
    }

    @Override
    public boolean tracking() {
        return marks() != null;
    }

    private static RequestMarks marks() {
        RequestContext request = ThreadState.get().activeRequest();
        return request == null ? null : request.marks();
    }

    /**
     * The mark of {@code value} in {@code request}, or null (no request, no source met, or not derived).
     * Asked where a value is written into shared state: an object built from marked values (a record,
     * a list, a map filled with them) is marked here with what it holds ({@link HeldMarks}).
     */
    public static Mark markOf(RequestContext request, Object value) {
        if (request == null || value == null) {
            return null;
        }
        RequestMarks marks = request.marks();
        return marks == null ? null : HeldMarks.of(marks, value);
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
        return v.minus(markOf(request, key)); // a composite key (a list, a record) is marked by its parts
    }

    /** A lookup in a shared map with a key derived from this request's input returns that input's entry. */
    public static void lookedUp(RequestContext request, Object key, Object value) {
        Mark k = markOf(request, key);
        if (k != null && value != null) {
            request.marksToFill().add(value, k);
        }
    }
}
