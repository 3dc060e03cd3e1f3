package dev.crosstalk.bootstrap;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the runtime plugs into the hooks, and what tools in the same JVM can ask of it. This class
 * and the hook classes beside it ({@link FieldHooks}, {@link ContainerHooks}, {@link CallHooks},
 * {@link RequestHooks}) are appended to the bootstrap class loader and typed with JDK types only;
 * {@link HookTable} lists every entry point that instrumented code calls.
 *
 * <p>Two rules hold for every hook: the application's own operation runs exactly once and its
 * result or exception reaches the caller unchanged; anything the agent does around it is guarded by
 * {@code catch (Throwable)} and counted in {@link #errors()}.
 */
public final class Hooks {
    /** A request boundary at a {@code jakarta.servlet} request. */
    public static final int KIND_JAKARTA = 1;
    /** A request boundary at a {@code javax.servlet} request. */
    public static final int KIND_JAVAX = 2;
    /** A request boundary at a JDK {@code HttpServer} exchange. */
    public static final int KIND_JDK_HTTP = 3;
    /** A request boundary at an entry method the user named. */
    public static final int KIND_ENTRY_METHOD = 4;

    /** Never null, so that every hook guards its call the same way: {@code try}, call, count. */
    static volatile Sink sink = InertSink.INSTANCE;
    private static final AtomicLong ERRORS = new AtomicLong();

    private Hooks() {
    }

    /** Installs the runtime; null uninstalls it, after which every hook is a plain call. */
    public static void install(Sink s) {
        sink = s == null ? InertSink.INSTANCE : s;
    }

    /** Installs the runtime of request-derived values behind {@link MarkHooks}; null uninstalls it. */
    public static void installMarks(MarkSink s) {
        MarkHooks.install(s);
    }

    /**
     * Every finding so far, for tools in the same JVM (the {@code crosstalk-junit} extension): one map
     * per finding with the fields of the JSON output ({@code type}, {@code severity}, {@code state},
     * {@code fingerprint}, {@code message}, {@code count}, {@code writer}, {@code reader}, …), built
     * from JDK types only. Empty when the agent is not running. Never throws.
     */
    public static List<Map<String, Object>> findings() {
        try {
            return sink.findings();
        } catch (Throwable t) {
            error(t);
            return Collections.emptyList();
        }
    }

    /**
     * True while the agent's runtime is installed. An empty {@link #findings()} means "nothing found"
     * only when this is true: the hooks can be on the boot class path with no runtime behind them,
     * when the agent stayed off after a failed self-test.
     */
    public static boolean active() {
        return sink != InertSink.INSTANCE;
    }

    /** How many exceptions the agent caught in its own code (never the application's). */
    public static long errors() {
        return ERRORS.get();
    }

    /**
     * The first exceptions the agent caught in its own code, at most ten, one line each: class,
     * message and top frames.
     */
    public static List<String> caughtErrors() {
        return CaughtErrors.kept();
    }

    /** Counts an exception thrown by agent code, and keeps the first few as text; never rethrows. */
    public static void error(Throwable t) {
        ERRORS.incrementAndGet();
        try {
            CaughtErrors.keep(t);
        } catch (Throwable ignored) {
            // a throwable whose description fails is still counted
        }
    }
}
