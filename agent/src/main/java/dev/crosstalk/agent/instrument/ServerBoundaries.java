package dev.crosstalk.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.crosstalk.bootstrap.Handoffs;
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

    static AgentBuilder extend(AgentBuilder builder) {
        return builder
                .type(named("reactor.netty.http.server.HttpServer$HttpServerHandle"))
                .transform(Boundaries.advice(ExchangeAdvice.class, named("onStateChange").and(takesArguments(2))))
                .type(named("reactor.netty.channel.ChannelOperations"))
                .transform(Boundaries.advice(InboundAdvice.class, named("onInboundNext").and(takesArguments(2))
                        .or(named("onInboundComplete").and(takesArguments(0)))))
                .type(named("io.grpc.internal.ServerImpl$ServerTransportListenerImpl"))
                .transform(Boundaries.advice(GrpcCallAdvice.class, named("startWrappedCall").and(takesArguments(3))))
                .type(named("io.grpc.internal.ServerCallImpl$ServerStreamListenerImpl"))
                .transform(Boundaries.advice(InboundAdvice.class, named("messagesAvailable").or(named("halfClosed"))
                        .or(named("closed")).or(named("onReady"))))
                .type(directSubclassOf("java.util.TimerTask"))
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
