package dev.crosstalk.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.crosstalk.bootstrap.Handoffs;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Request boundaries beyond the servlet call: a Reactor Netty exchange (the server observer hearing a
 * received request, and each later inbound event of its connection), a gRPC server call (its start, and
 * each callback of its stream listener on the callback executor), and {@code java.util.TimerTask}s
 * (made inside a request, run as part of it). Types are matched by exact name, or for timer tasks by
 * the direct superclass named in the class file, so an application without these servers pays one
 * name comparison per loaded class.
 */
final class ServerBoundaries {
    private ServerBoundaries() {
    }

    private static final String EXCHANGE_OBSERVER = "reactor.netty.http.server.HttpServer$HttpServerHandle";
    private static final String CHANNEL_OPERATIONS = "reactor.netty.channel.ChannelOperations";
    private static final String GRPC_TRANSPORT_LISTENER = "io.grpc.internal.ServerImpl$ServerTransportListenerImpl";
    private static final String GRPC_STREAM_LISTENER = "io.grpc.internal.ServerCallImpl$ServerStreamListenerImpl";
    private static final String TIMER_TASK = "java.util.TimerTask";

    /** The types {@link #extend} matches by their exact name, for {@link BoundaryPrefilter}. */
    static final List<String> EXACT_TYPES = List.of(EXCHANGE_OBSERVER, CHANNEL_OPERATIONS, GRPC_TRANSPORT_LISTENER,
            GRPC_STREAM_LISTENER);

    /** A timer task's class file names its superclass: the text {@link BoundaryPrefilter} looks for. */
    static final List<String> NEEDLES = List.of(TIMER_TASK.replace('.', '/'));

    static AgentBuilder extend(AgentBuilder builder) {
        return builder
                .type(named(EXCHANGE_OBSERVER))
                .transform(Boundaries.advice(ExchangeAdvice.class, named("onStateChange").and(takesArguments(2))))
                .type(named(CHANNEL_OPERATIONS))
                .transform(Boundaries.advice(InboundAdvice.class, named("onInboundNext").and(takesArguments(2))
                        .or(named("onInboundComplete").and(takesArguments(0)))))
                .type(named(GRPC_TRANSPORT_LISTENER))
                .transform(Boundaries.advice(GrpcCallAdvice.class, named("startWrappedCall").and(takesArguments(3))))
                .type(named(GRPC_STREAM_LISTENER))
                .transform(Boundaries.advice(InboundAdvice.class, named("messagesAvailable").or(named("halfClosed"))
                        .or(named("closed")).or(named("onReady"))))
                .type(directSubclassOf(TIMER_TASK))
                .transform(Boundaries.advice(TimerTaskMadeAdvice.class, isConstructor()))
                .transform(Boundaries.advice(TimerTaskRunAdvice.class, named("run").and(takesArguments(0))));
    }

    /** The class file names {@code superName} as its superclass; no other type is resolved. */
    private static ElementMatcher.Junction<TypeDescription> directSubclassOf(String superName) {
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription type) {
                TypeDescription.Generic sup = type.getSuperClass();
                return sup != null && sup.asErasure().getName().equals(superName);
            }
        };
    }

    static final class ExchangeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) Object connection, @Advice.Argument(1) Object state) {
            return Handoffs.exchangeState(connection, state);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Handoffs.exchangeSegmentDone(token);
        }
    }

    static final class GrpcCallAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) String fullMethodName) {
            return Handoffs.callStarting(fullMethodName);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token, @Advice.Return Object listener) {
            Handoffs.callStartDone(token, listener);
        }
    }

    static final class InboundAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object connection) {
            return Handoffs.inbound(connection);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Handoffs.taskDone(token);
        }
    }

    static final class TimerTaskMadeAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void made(@Advice.This Object task) {
            Handoffs.timerTaskMade(task);
        }
    }

    static final class TimerTaskRunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object task) {
            return Handoffs.timerTaskRuns(task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Handoffs.taskDone(token);
        }
    }
}
