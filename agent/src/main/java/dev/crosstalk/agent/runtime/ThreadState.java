package dev.crosstalk.agent.runtime;

/** What one thread is doing: the request it serves (if any), boundary nesting, class initialisation. */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);

    RequestContext request;
    int boundaryDepth;
    int classInitDepth;

    static ThreadState get() {
        return CURRENT.get();
    }

    /** Back to serving no request, outside any boundary or class initialiser. */
    void clear() {
        request = null;
        boundaryDepth = 0;
        classInitDepth = 0;
    }

    /** The request whose writes and reads this thread makes now: none inside a class initialiser. */
    RequestContext activeRequest() {
        return classInitDepth > 0 ? null : request;
    }
}
