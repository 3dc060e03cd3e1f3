package dev.crosstalk.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.RequestHooks;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.function.BiConsumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Where requests begin and end, and how they travel to executor threads: advice, inlined with Byte
 * Buddy, on the outermost servlet/filter entries (javax and jakarta), on the JDK HTTP server's filter
 * chain, on entry methods named in the options, and on the JDK executors' submission methods.
 */
public final class Boundaries {
    private Boundaries() {
    }

    /** An entry method named in the options: {@code com.acme.Worker#handle}. */
    public static final class EntryMethod {
        final String type;
        final String method;

        /** {@code type} (dotted) and the name of its method that a request runs through. */
        public EntryMethod(String type, String method) {
            this.type = type;
            this.method = method;
        }
    }

    /**
     * Installs the boundary and executor advice, also into the classes already loaded; {@code onError}
     * hears of types that failed. The answer is resettable: a detach restores the classes it changed.
     */
    public static net.bytebuddy.agent.builder.ResettableClassFileTransformer install(Instrumentation inst,
            List<EntryMethod> entries, boolean attached, BiConsumer<String, Throwable> onError) {
        return prepare(inst, entries, attached, onError).installOn(inst);
    }

    /**
     * The boundary and executor advice, ready for {@link AgentBuilder#installOn}. Building it changes
     * nothing in the JVM yet, so it can run on another thread while the agent starts (loading Byte
     * Buddy is a good part of the agent's start-up). Unless {@code attached}, only the loaded classes
     * matched by their exact names are looked at for retransformation (see {@link LoadedTypes}).
     */
    public static AgentBuilder prepare(Instrumentation inst, List<EntryMethod> entries, boolean attached,
            BiConsumer<String, Throwable> onError) {
        java.util.Set<String> exact = exactTypes(entries);
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(LoadedTypes.offered(attached, name -> exact.contains(name.replace('.', '/'))))
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new ErrorListener(onError))
                .assureReadEdgeTo(inst, Hooks.class)
                .with(BoundaryPrefilter.decorator(exactTypes(entries), NEEDLES))
                .ignore(ignored());
        builder = servlet(builder, "jakarta.servlet", JakartaAdvice.class);
        builder = servlet(builder, "javax.servlet", JavaxAdvice.class);
        builder = builder.type(named(JDK_HTTP_CHAIN))
                .transform(advice(JdkHttpAdvice.class, named("doFilter").and(takesArguments(1))));
        for (EntryMethod e : entries) {
            builder = builder.type(named(e.type))
                    .transform(advice(EntryMethodAdvice.class, named(e.method).and(not(isAbstract()))));
        }
        ElementMatcher.Junction<MethodDescription> runnableArg = takesArgument(0, named("java.lang.Runnable"));
        ElementMatcher.Junction<MethodDescription> callableArg = takesArgument(0, named("java.util.concurrent.Callable"));
        builder = builder
                .type(named(THREAD_POOL_EXECUTOR).or(named(THREAD_PER_TASK_EXECUTOR))
                        .or(named(COMPLETABLE_FUTURE_EXECUTOR)))
                .transform(advice(RunnableTaskAdvice.class, named("execute").and(takesArguments(1)).and(runnableArg)))
                .type(named(FORK_JOIN_POOL))
                .transform(advice(RunnableTaskAdvice.class,
                        named("execute").or(named("submit")).and(takesArguments(1)).and(runnableArg)))
                .transform(advice(CallableTaskAdvice.class, named("submit").and(takesArguments(1)).and(callableArg)))
                .type(named(SCHEDULED_EXECUTOR))
                .transform(advice(RunnableTaskAdvice.class, named("schedule").and(takesArguments(3)).and(runnableArg)))
                .transform(advice(CallableTaskAdvice.class, named("schedule").and(takesArguments(3)).and(callableArg)));
        builder = ServerBoundaries.extend(builder);
        generateTransformerClass();
        return builder;
    }

    /**
     * Byte Buddy writes and loads a class of its own (the module-aware subclass of its transformer) the
     * first time any {@code AgentBuilder} is installed: about 150 ms of CPU in the interpreter. Done here,
     * it runs on the preparing thread, beside the rest of the agent's start, instead of in {@code installOn}
     * on the application's main thread.
     */
    private static void generateTransformerClass() {
        try {
            Class.forName(AgentBuilder.Default.class.getName() + "$ExecutingTransformer", true,
                    AgentBuilder.class.getClassLoader());
        } catch (Throwable t) {
            // installOn makes it then, as it would have anyway
        }
    }

    /**
     * Text that a servlet's or filter's class file holds when it declares the entry method that
     * {@link #servlet} advises: its descriptor's first two parameters.
     */
    static final List<String> SERVLET_ENTRY_DESCRIPTORS = List.of(
            "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;",
            "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;");

    /** What a class file holds when {@link ServerBoundaries} may match it by something other than its name. */
    static final List<String> NEEDLES = java.util.stream.Stream.concat(SERVLET_ENTRY_DESCRIPTORS.stream(),
            ServerBoundaries.NEEDLES.stream()).collect(java.util.stream.Collectors.toList());

    /** The internal names of every type {@link #install} matches by its exact name. */
    static java.util.Set<String> exactTypes(List<EntryMethod> entries) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String type : List.of(JDK_HTTP_CHAIN, THREAD_POOL_EXECUTOR, THREAD_PER_TASK_EXECUTOR,
                COMPLETABLE_FUTURE_EXECUTOR, FORK_JOIN_POOL, SCHEDULED_EXECUTOR)) {
            names.add(type.replace('.', '/'));
        }
        for (EntryMethod e : entries) {
            names.add(e.type.replace('.', '/'));
        }
        for (String type : ServerBoundaries.EXACT_TYPES) {
            names.add(type.replace('.', '/'));
        }
        return names;
    }

    private static final String JDK_HTTP_CHAIN = "com.sun.net.httpserver.Filter$Chain";
    private static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
    private static final String THREAD_PER_TASK_EXECUTOR = "java.util.concurrent.ThreadPerTaskExecutor";
    private static final String COMPLETABLE_FUTURE_EXECUTOR = "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor";
    private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    private static final String SCHEDULED_EXECUTOR = "java.util.concurrent.ScheduledThreadPoolExecutor";

    private static ElementMatcher.Junction<TypeDescription> ignored() {
        return nameStartsWith("dev.crosstalk.agent.").or(nameStartsWith("dev.crosstalk.bootstrap."))
                .or(nameStartsWith("dev.crosstalk.shaded.")).or(isSynthetic())
                .or(nameStartsWith("java.").and(not(nameStartsWith("java.util.concurrent."))))
                .or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")).or(nameStartsWith("com.sun.")
                        .and(not(named(JDK_HTTP_CHAIN))))
                .or(nameStartsWith(dotted("net bytebuddy"))).or(nameStartsWith(dotted("org objectweb asm")))
                .or(nameStartsWith(dotted("ch qos logback"))).or(nameStartsWith(dotted("org slf4j")));
    }

    private static String dotted(String words) {
        return ClassFilter.unshaded(words).replace('/', '.');
    }

    /** Servlets and filters of one servlet API: whichever is entered first on a thread starts the request. */
    private static AgentBuilder servlet(AgentBuilder builder, String pkg, Class<?> adviceClass) {
        return builder
                .type(not(isInterface()).and(hasSuperType(named(pkg + ".Servlet"))))
                .transform(advice(adviceClass, named("service").and(not(isAbstract())).and(takesArguments(2))
                        .and(takesArgument(0, named(pkg + ".ServletRequest")))))
                .type(not(isInterface()).and(hasSuperType(named(pkg + ".Filter"))))
                .transform(advice(adviceClass, named("doFilter").and(not(isAbstract())).and(takesArguments(3))
                        .and(takesArgument(0, named(pkg + ".ServletRequest")))));
    }

    static AgentBuilder.Transformer advice(Class<?> adviceClass,
            ElementMatcher<? super MethodDescription> methods) {
        return (builder, type, loader, module, domain) -> builder.visit(Advice.to(adviceClass).on(methods));
    }

    /** Reports types that failed to transform; they stay as they were. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        private final BiConsumer<String, Throwable> onError;

        ErrorListener(BiConsumer<String, Throwable> onError) {
            this.onError = onError;
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            onError.accept(typeName, error);
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            // nothing to say on success
        }
    }

    static final class JakartaAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) Object request) {
            return RequestHooks.requestEnter(request, Hooks.KIND_JAKARTA, 0);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            RequestHooks.requestExit(token);
        }
    }

    static final class JavaxAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) Object request) {
            return RequestHooks.requestEnter(request, Hooks.KIND_JAVAX, 0);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            RequestHooks.requestExit(token);
        }
    }

    static final class JdkHttpAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) Object exchange) {
            return RequestHooks.requestEnter(exchange, Hooks.KIND_JDK_HTTP, 0);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            RequestHooks.requestExit(token);
        }
    }

    static final class EntryMethodAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Origin("#t") String type, @Advice.Origin("#m") String method) {
            // concat, not +: inlined advice must not bring invokedynamic into pre-Java-9 classes
            return RequestHooks.requestEnter(type.concat("#").concat(method), Hooks.KIND_ENTRY_METHOD, 0);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            RequestHooks.requestExit(token);
        }
    }

    static final class RunnableTaskAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = RequestHooks.wrap(task);
        }
    }

    static final class CallableTaskAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) java.util.concurrent.Callable<?> task) {
            task = RequestHooks.wrap(task);
        }
    }
}
