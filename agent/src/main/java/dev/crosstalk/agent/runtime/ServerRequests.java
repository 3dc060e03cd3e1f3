package dev.crosstalk.agent.runtime;

import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.ThreadState;
import dev.crosstalk.agent.state.WeakIdentityMap;
import dev.crosstalk.agent.runtime.AccessorClasses.Call;
import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.LabelAccess;
import dev.crosstalk.bootstrap.RequestCarrier;
import dev.crosstalk.bootstrap.ServerSink;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Requests that outlive one call on one thread, and work a request hands on outside the JDK executors.
 * A Reactor Netty exchange starts when the server observer hears {@code REQUEST_RECEIVED}; each later
 * piece of event-loop work for the same connection (inbound body data, its completion) runs as that
 * exchange again. A gRPC server call starts when the server starts it, and each callback of its stream
 * listener (messages, half-close, ready, close) on the callback executor runs as that call again;
 * a Reactor Netty client exchange made inside a request (a {@code WebClient} call) has its response,
 * and the continuation the application runs on it, run as that request;
 * in both, and the work it schedules on Reactor's schedulers follows through the JDK executor
 * wrapping. A thread application code starts, a {@code TimerTask} made, or a servlet async dispatch of
 * a request that called {@code startAsync} belongs to the request that made it. Every object is
 * remembered weakly, in capped maps.
 */
public final class ServerRequests implements ServerSink {
    /** The token for "nothing was current before": restoring it leaves the thread with no request. */
    private static final Object NO_REQUEST = new Object();
    private static final int CAP = 100_000;

    /**
     * How to read a Reactor Netty request's {@code method()} and {@code uri()}; null when the class is
     * not one. A class defined beside the API ({@link AccessorClasses}), else method handles.
     */
    private static final ClassValue<LabelAccess> REACTOR_REQUEST = new ClassValue<>() {
        @Override
        protected LabelAccess computeValue(Class<?> type) {
            Class<?> api = RequestReader.find(type, "reactor.netty.http.server.HttpServerRequest");
            if (api == null) {
                return null;
            }
            try {
                Method method = api.getMethod("method");
                return AccessorClasses.define(api, LabelAccess.class,
                        new Call("method", AccessorClasses.READS_STRING, method,
                                method.getReturnType().getMethod("name")),
                        new Call("uri", AccessorClasses.READS_STRING, api.getMethod("uri")));
            } catch (Throwable direct) {
                try {
                    return new HandleLabel(api);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
    };
    /** A request's label read through method handles, where no accessor class could be defined. */
    private static final class HandleLabel implements LabelAccess {
        private static final MethodType GET = MethodType.methodType(Object.class, Object.class);
        private final MethodHandle method;
        private final MethodHandle uri;

        HandleLabel(Class<?> api) throws ReflectiveOperationException {
            method = RequestReader.handle(api, "method", GET);
            uri = RequestReader.handle(api, "uri", GET);
        }

        @Override
        public String method(Object request) {
            return String.valueOf(invoke(method, request));
        }

        @Override
        public String uri(Object request) {
            return String.valueOf(invoke(uri, request));
        }

        private static Object invoke(MethodHandle h, Object request) {
            try {
                return (Object) h.invokeExact(request);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    private final Recorder recorder;
    /** Reactor Netty connections and gRPC stream listeners without a request field of their own, with the request whose events they carry. */
    private final WeakIdentityMap<RequestContext> exchanges = new WeakIdentityMap<>(CAP);
    private final WeakIdentityMap<RequestContext> timerTasks = new WeakIdentityMap<>(CAP);
    /** Reactor Netty client exchanges (their observers) made inside a request. */
    private final WeakIdentityMap<RequestContext> clients = new WeakIdentityMap<>(CAP);

    /** Request boundaries of servers other than servlet containers, entered through {@code recorder}. */
    public ServerRequests(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void threadStarting(Thread thread) {
        RequestContext request = ThreadState.get().activeRequest();
        if (request != null && thread.getState() == Thread.State.NEW) {
            ThreadState.STARTED_BY_REQUEST.put(thread, request);
        }
    }

    @Override
    public void timerTaskMade(Object task) {
        RequestContext request = ThreadState.get().activeRequest();
        if (request != null) {
            timerTasks.put(task, request);
        }
    }

    @Override
    public Object timerTaskRuns(Object task) {
        return attach(timerTasks.get(task));
    }

    @Override
    public void asyncStarted(Object request) {
        RequestContext current = ThreadState.get().activeRequest();
        if (current != null) {
            recorder.asyncDispatches().started(request, current);
        }
    }

    @Override
    public Object exchangeState(Object connection, Object state) {
        if (!(state instanceof Enum) || !"REQUEST_RECEIVED".equals(((Enum<?>) state).name())) {
            return null;
        }
        Object token = recorder.requestEnter(label(connection), Hooks.KIND_ENTRY_METHOD, 0);
        if (token instanceof RequestContext) {
            remember(connection, (RequestContext) token);
        }
        return token;
    }

    @Override
    public void exchangeSegmentDone(Object token) {
        recorder.requestExit(token);
    }

    @Override
    public void clientMade(Object observer) {
        RequestContext request = ThreadState.get().activeRequest();
        if (request != null) {
            clients.put(observer, request);
        }
    }

    @Override
    public void clientState(Object observer, Object connection) {
        RequestContext request = clients.get(observer);
        if (request != null) {
            remember(connection, request);
        }
    }

    @Override
    public Object inbound(Object connection) {
        return attach(recall(connection));
    }

    @Override
    public Object callStarting(String fullMethodName) {
        // gRPC is an HTTP/2 POST to /service/method; labelled so, like every other request
        return recorder.requestEnter("POST /" + fullMethodName, Hooks.KIND_ENTRY_METHOD, 0);
    }

    @Override
    public void callStartDone(Object token, Object listener) {
        if (token instanceof RequestContext && listener != null) {
            remember(listener, (RequestContext) token);
        }
        recorder.requestExit(token);
    }

    @Override
    public void taskDone(Object token) {
        recorder.detachContext(token == NO_REQUEST ? null : token);
    }

    /** How many exchanges and streams the weak map holds (those without a request field). */
    int exchangesHeld() {
        return exchanges.size();
    }

    /** Stores the request an exchange or stream serves: in its own field when it has one, else in the map. */
    private void remember(Object exchange, RequestContext request) {
        if (exchange instanceof RequestCarrier) {
            ((RequestCarrier) exchange).crosstalk$request(request);
        } else {
            exchanges.put(exchange, request);
        }
    }

    private RequestContext recall(Object exchange) {
        if (exchange instanceof RequestCarrier) {
            Object request = ((RequestCarrier) exchange).crosstalk$request();
            return request instanceof RequestContext ? (RequestContext) request : null;
        }
        return exchanges.get(exchange);
    }

    private Object attach(RequestContext request) {
        if (request == null) {
            return null;
        }
        Object previous = recorder.attachContext(request);
        return previous == null ? NO_REQUEST : previous;
    }

    /** {@code GET /path} of a Reactor Netty request, without the query string. */
    private static String label(Object connection) {
        try {
            LabelAccess access = REACTOR_REQUEST.get(connection.getClass());
            if (access == null) {
                return "HTTP " + connection.getClass().getSimpleName();
            }
            String uri = String.valueOf(access.uri(connection));
            int query = uri.indexOf('?');
            return access.method(connection) + " " + RequestReader.path(query < 0 ? uri : uri.substring(0, query));
        } catch (Throwable t) {
            Hooks.error(t);
            return "HTTP " + connection.getClass().getSimpleName();
        }
    }
}
