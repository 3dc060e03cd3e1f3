package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.detect.Accumulations;
import dev.crosstalk.agent.state.VirtualThreads;
import dev.crosstalk.agent.detect.Mutations;
import dev.crosstalk.agent.detect.Publications;
import dev.crosstalk.agent.detect.ThreadLocals;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.bootstrap.Hooks;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which request each thread serves: boundaries entered and left (the outermost one is the request;
 * a server's error dispatch after the chain returned, or the async dispatch of a request that called
 * {@code startAsync}, is the same request again), and tasks that
 * carry their request to a pool thread. The end of a request is told to the detectors that judge
 * what a request leaves behind.
 */
final class RequestLifecycle {
    private static final Object NESTED = new Object();

    private final AtomicLong requestIds = new AtomicLong();
    /** Servlet requests that called {@code startAsync}: their async dispatch continues the same request. */
    final AsyncDispatches asyncDispatches = new AsyncDispatches();
    private final Publications publications;
    private final ThreadLocals threadLocals;
    private final Mutations mutations;

    RequestLifecycle(Publications publications, ThreadLocals threadLocals, Mutations mutations) {
        this.mutations = mutations;
        this.publications = publications;
        this.threadLocals = threadLocals;
    }

    /** Requests entered so far. */
    long requests() {
        return requestIds.get();
    }

    Object enter(Object request, int kind, int entry) {
        ThreadState ts = ThreadState.get();
        if (ts.boundaryDepth++ > 0) {
            return NESTED;
        }
        // A request made current by a handed-on task (not by a boundary): a server may run a new request
        // inline in that task's thread (Jetty reading the next request of the connection in complete()).
        RequestContext handedOn = ts.request;
        if (handedOn != null && kind != Hooks.KIND_JAKARTA && kind != Hooks.KIND_JAVAX) {
            return NESTED;
        }
        RequestSeen seen = RequestReader.read(request, kind);
        if (handedOn != null && !seen.firstDispatch()) {
            return NESTED; // a forward, include or async dispatch inside the task: still its request
        }
        if (seen.asyncDispatch()) {
            RequestContext resumed = resumedAsync(request);
            if (resumed != null) {
                ts.request = resumed;
                return resumed;
            }
        }
        if (seen.errorPath != null && ts.lastRequest != null
                && ts.lastRequest.info().label().endsWith(" " + seen.errorPath)) {
            // Tomcat and Jetty dispatch the error page after the request's own filter chain returned,
            // on the same thread: the same client request, not a new one.
            RequestContext again = ts.lastRequest;
            again.reopen();
            ts.request = again;
            return again;
        }
        RequestContext ctx = new RequestContext(new RequestInfo(requestIds.incrementAndGet(), seen.label,
                VirtualThreads.currentName(), seen.sessionKey));
        ts.request = ctx;
        ts.handedOn = handedOn;
        return ctx;
    }

    private RequestContext resumedAsync(Object request) {
        try {
            return asyncDispatches.resumed(request);
        } catch (Throwable t) {
            Hooks.error(t);
            return null;
        }
    }

    void exit(Object token) {
        ThreadState ts = ThreadState.get();
        if (ts.boundaryDepth > 0) {
            ts.boundaryDepth--;
        }
        if (token instanceof RequestContext) {
            if (publications.anyOpen()) {
                publications.requestEnded();
            }
            if (!ts.threadLocals.isEmpty()) {
                threadLocals.requestEnded(ts, (RequestContext) token);
            }
            Accumulations.requestEnded((RequestContext) token);
            ((RequestContext) token).end();
            mutations.requestEnded((RequestContext) token);
            ts.locks.clear(); // lock objects are referenced only while a request of this thread runs
            ((RequestContext) token).dropMarks();
            ts.lastRequest = (RequestContext) token;
            if (ts.request == token) {
                ts.request = ts.handedOn;
            }
            ts.handedOn = null;
            ts.boundaryDepth = 0;
        }
    }

    Object capture() {
        return ThreadState.get().activeRequest();
    }

    Object attach(Object context) {
        ThreadState ts = ThreadState.get();
        RequestContext previous = ts.request;
        if (context instanceof RequestContext) {
            ts.request = (RequestContext) context;
        }
        return previous;
    }

    void detach(Object previous) {
        ThreadState ts = ThreadState.get();
        if (!ts.threadLocals.isEmpty()) {
            threadLocals.taskLeft(ts); // a pool thread may serve no request again for a long time
        }
        ts.request = previous instanceof RequestContext ? (RequestContext) previous : null;
    }
}
