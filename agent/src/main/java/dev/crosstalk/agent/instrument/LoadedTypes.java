package dev.crosstalk.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy.DiscoveryStrategy;

/**
 * Which already loaded classes an advice installer offers to Byte Buddy for retransformation. Attached
 * to a running JVM, every loaded class may be a servlet or a filter, so all are offered. Started with
 * the JVM, only JDK classes and the agent's own are loaded, and of those only a few named ones can
 * take advice (the JDK's executors): offering just those spares Byte Buddy building a type description
 * of each of the two thousand classes loaded before {@code premain}, which was the largest part of
 * installing the advice.
 */
final class LoadedTypes implements DiscoveryStrategy {
    private final Predicate<String> names;

    private LoadedTypes(Predicate<String> names) {
        this.names = names;
    }

    /** Every loaded class when {@code attached}, else the loaded classes whose binary names {@code names} accepts. */
    static DiscoveryStrategy offered(boolean attached, Predicate<String> names) {
        return attached ? DiscoveryStrategy.SinglePass.INSTANCE : new LoadedTypes(names);
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation instrumentation) {
        List<Class<?>> offered = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (names.test(type.getName())) {
                offered.add(type);
            }
        }
        return Collections.singletonList(offered);
    }
}
