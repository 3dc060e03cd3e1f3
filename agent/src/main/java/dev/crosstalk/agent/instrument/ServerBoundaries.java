package dev.crosstalk.agent.instrument;

import java.util.List;

/**
 * Request boundaries beyond the servlet call: a Reactor Netty exchange (the server observer hearing a
 * received request, and each later inbound event of its connection; the client exchanges it makes, whose
 * responses arrive on connections of their own), a gRPC server call (its start, and
 * each callback of its stream listener on the callback executor), and {@code java.util.TimerTask}s
 * (made inside a request, run as part of it). Types are matched by exact name, or for timer tasks by
 * the direct superclass named in the class file, so an application without these servers pays one
 * name comparison per loaded class.
 */
final class ServerBoundaries {
    private ServerBoundaries() {
    }

    private static final String EXCHANGE_OBSERVER = "reactor/netty/http/server/HttpServer$HttpServerHandle";
    private static final String CHANNEL_OPERATIONS = "reactor/netty/channel/ChannelOperations";
    private static final String CLIENT_OBSERVER = "reactor/netty/http/client/HttpClientConnect$HttpObserver";
    private static final String GRPC_TRANSPORT_LISTENER = "io/grpc/internal/ServerImpl$ServerTransportListenerImpl";
    private static final String GRPC_STREAM_LISTENER = "io/grpc/internal/ServerCallImpl$ServerStreamListenerImpl";
    private static final String TIMER_TASK = "java/util/TimerTask";

    /** The types {@link #advice} matches by their exact (internal) name, for {@link BoundaryPrefilter}. */
    static final List<String> EXACT_TYPES = List.of(EXCHANGE_OBSERVER, CHANNEL_OPERATIONS, CLIENT_OBSERVER,
            GRPC_TRANSPORT_LISTENER, GRPC_STREAM_LISTENER);

    /**
     * The types that carry the request they serve in a field of their own ({@code RequestCarrier}):
     * the object each later event of an exchange or stream arrives on.
     */
    static final List<String> CARRIERS = List.of(CHANNEL_OPERATIONS, GRPC_STREAM_LISTENER);

    /** A timer task's class file names its superclass: the text {@link BoundaryPrefilter} looks for. */
    static final List<String> NEEDLES = List.of(TIMER_TASK);

    /** The advice for method {@code name} (with code) of {@code type}, or null. */
    static BoundaryAdvice advice(TypeShape type, String name, String descriptor) {
        switch (type.name) {
            case EXCHANGE_OBSERVER:
                return name.equals("onStateChange") && TypeShape.takes(descriptor, 2, null) ? BoundaryAdvice.EXCHANGE : null;
            case CHANNEL_OPERATIONS:
                return name.equals("onInboundNext") && TypeShape.takes(descriptor, 2, null)
                        || name.equals("onInboundComplete") && TypeShape.takes(descriptor, 0, null)
                        ? BoundaryAdvice.INBOUND : null;
            case CLIENT_OBSERVER:
                return name.equals("<init>") ? BoundaryAdvice.CLIENT_MADE
                        : name.equals("onStateChange") && TypeShape.takes(descriptor, 2, null) ? BoundaryAdvice.CLIENT_STATE
                        : null;
            case GRPC_TRANSPORT_LISTENER:
                return name.equals("startWrappedCall") && TypeShape.takes(descriptor, 3, "java/lang/String")
                        ? BoundaryAdvice.GRPC_CALL : null;
            case GRPC_STREAM_LISTENER:
                return name.equals("messagesAvailable") || name.equals("halfClosed") || name.equals("closed")
                        || name.equals("onReady") ? BoundaryAdvice.INBOUND : null;
            default:
                break;
        }
        if (!TIMER_TASK.equals(type.superName)) {
            return null;
        }
        return name.equals("<init>") ? BoundaryAdvice.TIMER_MADE
                : name.equals("run") && TypeShape.takes(descriptor, 0, null) ? BoundaryAdvice.TIMER_RUN : null;
    }

    /** Whether the loaded class {@code type} is a timer task these boundaries advise (the named types are matched by name). */
    static boolean mayApply(Class<?> type) {
        return type.getSuperclass() != null && type.getSuperclass().getName().equals(TIMER_TASK.replace('/', '.'));
    }
}
