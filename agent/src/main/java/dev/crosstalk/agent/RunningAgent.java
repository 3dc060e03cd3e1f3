package dev.crosstalk.agent;

import dev.crosstalk.agent.instrument.AccessTransformer;
import dev.crosstalk.agent.instrument.BoundaryTransformer;
import dev.crosstalk.agent.instrument.ClassFilter;
import dev.crosstalk.agent.report.Reporter;
import dev.crosstalk.bootstrap.Hooks;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent installed in this JVM: what a dynamic attach adds to classes already loaded, and what a
 * detach takes away again (the runtime behind the hooks, the reporter's threads, and every change to
 * a class, back to its original bytes).
 */
final class RunningAgent {
    private final Instrumentation inst;
    private final AccessTransformer transformer;
    private final BoundaryTransformer boundaries;
    private final Reporter reporter;
    private final ClassFilter filter;
    private final boolean attached;
    private volatile int instrumentedAtAttach;

    RunningAgent(Instrumentation inst, AccessTransformer transformer, BoundaryTransformer boundaries,
            Reporter reporter, ClassFilter filter, boolean attached) {
        this.inst = inst;
        this.transformer = transformer;
        this.boundaries = boundaries;
        this.reporter = reporter;
        this.filter = filter;
        this.attached = attached;
    }

    /** True for an agent attached to a running JVM; one started with {@code -javaagent} cannot be detached. */
    boolean attached() {
        return attached;
    }

    /**
     * Instruments the application classes loaded before the attach, through retransformation: only
     * method bodies change (the instrumentation adds no field and no method), which is what
     * retransformation allows. Answers how many classes were retransformed.
     */
    int instrumentLoadedClasses() {
        transformer.instrumentRetransformedClasses();
        instrumentedAtAttach = retransform(applicationClasses());
        return instrumentedAtAttach;
    }

    /** How many classes loaded before the attach were instrumented then. */
    int instrumentedAtAttach() {
        return instrumentedAtAttach;
    }

    /**
     * Stops the agent and leaves the application as it was before the attach: the hooks lose their
     * runtime at once, the last counts, the summary line and the report (trigger {@code detach}) are
     * written and the reporter's threads end, then every class the agent changed is retransformed
     * back to its original bytes. Answers how many application classes were restored.
     */
    int detach() {
        Hooks.install(null);
        Hooks.installMarks(null);
        dev.crosstalk.bootstrap.Handoffs.install(null);
        reporter.stop();
        inst.removeTransformer(transformer);
        boundaries.reset();
        return retransform(applicationClasses());
    }

    private List<Class<?>> applicationClasses() {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            // Hidden classes (lambdas) have a '/' in their name and cannot be retransformed.
            if (c.isArray() || c.isPrimitive() || c.getClassLoader() == null || c.getName().indexOf('/') >= 0
                    || !inst.isModifiableClass(c) || !filter.isApplication(c.getName().replace('.', '/'))) {
                continue;
            }
            out.add(c);
        }
        return out;
    }

    private int retransform(List<Class<?>> classes) {
        return BoundaryTransformer.retransform(inst, classes);
    }
}
