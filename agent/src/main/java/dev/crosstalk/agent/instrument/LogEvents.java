package dev.crosstalk.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.crosstalk.bootstrap.CallHooks;
import dev.crosstalk.bootstrap.Hooks;
import java.lang.instrument.Instrumentation;
import java.util.function.BiConsumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Where the application's logging framework reads the MDC: the making of a log event, which happens
 * on the thread that logs and only for lines that are written. Advice on Logback's
 * {@code LoggingEvent} constructors and on Log4j 2's context data injectors (called for every event,
 * synchronous, reusable or asynchronous) reports it; nothing else of either framework is touched.
 */
public final class LogEvents {
    /** Spelled so that the shade plugin does not turn it into the agent's own relocated Logback. */
    private static final String LOGBACK_EVENT = ClassFilter.unshaded("ch qos logback classic spi").replace('/', '.')
            + "LoggingEvent";
    private static final String LOG4J_CORE = "org.apache.logging.log4j.core.";

    private LogEvents() {
    }

    /**
     * Installs the advice, into the logging classes already loaded too when {@code attached};
     * {@code onError} hears of types that failed (they stay as they were).
     */
    public static net.bytebuddy.agent.builder.ResettableClassFileTransformer install(Instrumentation inst,
            boolean attached, BiConsumer<String, Throwable> onError) {
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(LoadedTypes.offered(attached, name -> name.equals(LOGBACK_EVENT) || name.startsWith(LOG4J_CORE)))
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader loader, net.bytebuddy.utility.JavaModule module,
                            boolean loaded, Throwable error) {
                        onError.accept(typeName, error);
                    }
                })
                .assureReadEdgeTo(inst, Hooks.class)
                // Byte Buddy sees only Logback's event class and class files that declare (or call) the
                // injector method: the rest of the application's classes cost a byte search, not a parse.
                .with(BoundaryPrefilter.decorator(java.util.Set.of(LOGBACK_EVENT.replace('.', '/')),
                        java.util.List.of("injectContextData")))
                .ignore(not(named(LOGBACK_EVENT).or(nameStartsWith(LOG4J_CORE))))
                .type(named(LOGBACK_EVENT))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(MadeAdvice.class)
                        .on(isConstructor().and(not(takesArguments(0))))))
                .type(not(isInterface()).and(nameStartsWith(LOG4J_CORE))
                        .and(hasSuperType(named(LOG4J_CORE + "ContextDataInjector"))))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(InjectAdvice.class)
                        .on(named("injectContextData").and(not(isAbstract())))))
                .installOn(inst);
    }

    static final class MadeAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object event) {
            CallHooks.logEvent(event);
        }
    }

    static final class InjectAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object injector) {
            CallHooks.logEvent(injector);
        }
    }
}
