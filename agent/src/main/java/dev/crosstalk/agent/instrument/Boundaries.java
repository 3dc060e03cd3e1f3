package dev.crosstalk.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where requests begin and end, and how they travel to executor threads: calls into the bootstrap
 * hooks, woven with ASM (see {@link BoundaryTransformer}) into the outermost servlet/filter entries
 * (javax and jakarta), the JDK HTTP server's filter chain, entry methods named in the options, and the
 * JDK executors' submission methods; {@link ServerBoundaries} and {@link LogEvents} add their own.
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
     * Installs the boundaries, the server boundaries and the log-event advice, and retransforms the
     * classes already loaded that they apply to (when not {@code attached}: only those matched by
     * exact name, the JDK executors, as nothing else of them can be loaded before {@code premain});
     * {@code onError} hears of types that failed (they stay as they were). The answer can take it
     * all back ({@link BoundaryTransformer#reset}).
     */
    public static BoundaryTransformer install(Instrumentation inst, List<EntryMethod> entries, boolean attached,
            BiConsumer<String, Throwable> onError) {
        BoundaryTransformer transformer = new BoundaryTransformer(inst, entries, onError);
        inst.addTransformer(transformer, true);
        transformer.retransformLoaded(attached);
        return transformer;
    }

    /**
     * Text that a servlet's or filter's class file holds when it declares the entry method that
     * {@link #advice} advises: its descriptor's first two parameters.
     */
    static final List<String> SERVLET_ENTRY_DESCRIPTORS = List.of(
            "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;",
            "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;");

    /** What a class file holds when {@link ServerBoundaries} may match it by something other than its name. */
    static final List<String> NEEDLES = java.util.stream.Stream.concat(SERVLET_ENTRY_DESCRIPTORS.stream(),
            ServerBoundaries.NEEDLES.stream()).collect(java.util.stream.Collectors.toList());

    /** The internal names of every type the boundaries match by its exact name. */
    static java.util.Set<String> exactTypes(List<EntryMethod> entries) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String type : List.of(JDK_HTTP_CHAIN, THREAD_POOL_EXECUTOR, THREAD_PER_TASK_EXECUTOR,
                COMPLETABLE_FUTURE_EXECUTOR, FORK_JOIN_POOL, SCHEDULED_EXECUTOR)) {
            names.add(type);
        }
        for (EntryMethod e : entries) {
            names.add(e.type.replace('.', '/'));
        }
        names.addAll(ServerBoundaries.EXACT_TYPES);
        return names;
    }

    private static final String JDK_HTTP_CHAIN = "com/sun/net/httpserver/Filter$Chain";
    private static final String THREAD_POOL_EXECUTOR = "java/util/concurrent/ThreadPoolExecutor";
    private static final String THREAD_PER_TASK_EXECUTOR = "java/util/concurrent/ThreadPerTaskExecutor";
    private static final String COMPLETABLE_FUTURE_EXECUTOR = "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor";
    private static final String FORK_JOIN_POOL = "java/util/concurrent/ForkJoinPool";
    private static final String SCHEDULED_EXECUTOR = "java/util/concurrent/ScheduledThreadPoolExecutor";
    private static final String RUNNABLE = "java/lang/Runnable";
    private static final String CALLABLE = "java/util/concurrent/Callable";

    /**
     * Classes no boundary is looked for in: the agent's own, the JDK's (but its executors and HTTP
     * chain), Byte Buddy, ASM, Logback and SLF4J, and synthetic classes.
     */
    static boolean ignored(TypeShape type) {
        String n = type.name;
        return n.startsWith("dev/crosstalk/agent/") || n.startsWith("dev/crosstalk/bootstrap/")
                || n.startsWith("dev/crosstalk/shaded/") || type.isSynthetic()
                || n.startsWith("java/") && !n.startsWith("java/util/concurrent/")
                || n.startsWith("jdk/") || n.startsWith("sun/") || n.startsWith("com/sun/") && !n.equals(JDK_HTTP_CHAIN)
                || n.startsWith(ClassFilter.unshaded("net bytebuddy")) || n.startsWith(ClassFilter.unshaded("org objectweb asm"))
                || n.startsWith(ClassFilter.unshaded("ch qos logback")) || n.startsWith(ClassFilter.unshaded("org slf4j"));
    }

    /** The advice for method {@code name} of {@code type}, or null; the server boundaries are asked last. */
    static BoundaryAdvice advice(TypeShape type, List<EntryMethod> entries, int access, String name, String descriptor) {
        if (!TypeShape.hasCode(access)) {
            return null;
        }
        for (EntryMethod e : entries) {
            if (e.method.equals(name) && e.type.replace('.', '/').equals(type.name) && !name.startsWith("<")) {
                return BoundaryAdvice.ENTRY_METHOD;
            }
        }
        BoundaryAdvice servlet = servlet(type, name, descriptor, "jakarta/servlet/", BoundaryAdvice.JAKARTA_REQUEST);
        if (servlet == null) {
            servlet = servlet(type, name, descriptor, "javax/servlet/", BoundaryAdvice.JAVAX_REQUEST);
        }
        if (servlet != null) {
            return servlet;
        }
        switch (type.name) {
            case JDK_HTTP_CHAIN:
                return name.equals("doFilter") && TypeShape.takes(descriptor, 1, null) ? BoundaryAdvice.JDK_HTTP_REQUEST : null;
            case THREAD_POOL_EXECUTOR:
            case THREAD_PER_TASK_EXECUTOR:
            case COMPLETABLE_FUTURE_EXECUTOR:
                return name.equals("execute") && TypeShape.takes(descriptor, 1, RUNNABLE) ? BoundaryAdvice.WRAP_RUNNABLE : null;
            case FORK_JOIN_POOL:
                if ((name.equals("execute") || name.equals("submit")) && TypeShape.takes(descriptor, 1, RUNNABLE)) {
                    return BoundaryAdvice.WRAP_RUNNABLE;
                }
                return name.equals("submit") && TypeShape.takes(descriptor, 1, CALLABLE) ? BoundaryAdvice.WRAP_CALLABLE : null;
            case SCHEDULED_EXECUTOR:
                if (!name.equals("schedule")) {
                    return null;
                }
                return TypeShape.takes(descriptor, 3, RUNNABLE) ? BoundaryAdvice.WRAP_RUNNABLE
                        : TypeShape.takes(descriptor, 3, CALLABLE) ? BoundaryAdvice.WRAP_CALLABLE : null;
            default:
                return ServerBoundaries.advice(type, name, descriptor);
        }
    }

    /**
     * Servlets and filters of one servlet API ({@code pkg}): whichever is entered first on a thread
     * starts the request.
     */
    private static BoundaryAdvice servlet(TypeShape type, String name, String descriptor, String pkg,
            BoundaryAdvice advice) {
        if (type.isInterface()) {
            return null;
        }
        if (name.equals("service") && TypeShape.takes(descriptor, 2, pkg + "ServletRequest")
                && type.hasSuperType(pkg + "Servlet")
                || name.equals("doFilter") && TypeShape.takes(descriptor, 3, pkg + "ServletRequest")
                && type.hasSuperType(pkg + "Filter")) {
            return advice;
        }
        return null;
    }

    /** Whether the loaded class {@code type} may take boundary advice (for retransformation). */
    static boolean mayApply(Class<?> type, java.util.Set<String> exact) {
        String n = type.getName().replace('.', '/');
        if (exact.contains(n)) {
            return true;
        }
        if (type.isInterface()) {
            return false;
        }
        for (String api : List.of("jakarta.servlet.", "javax.servlet.")) {
            if (SuperTypes.has(type, api + "Servlet") || SuperTypes.has(type, api + "Filter")) {
                return true;
            }
        }
        return ServerBoundaries.mayApply(type);
    }
}
