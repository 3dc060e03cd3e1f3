package dev.crosstalk.agent.instrument;

import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Shows Byte Buddy only the classes that can hold a request boundary, judged from the class file's
 * bytes before anything is parsed.
 *
 * <p>Why: matching "implements {@code Servlet}" makes Byte Buddy parse every loaded class and read
 * the class files of all its super types through the class loader, for every class the application
 * loads. On a Spring Boot application that is most of what the agent cost at start-up. A class can
 * only declare {@code service(ServletRequest, ServletResponse)} or
 * {@code doFilter(ServletRequest, ServletResponse, FilterChain)} if that method descriptor stands
 * in its constant pool, so a byte search for it is a sound first test; the few classes that pass are
 * then matched by Byte Buddy exactly as before. Types the boundaries name exactly (the JDK executors,
 * the JDK HTTP server's chain, {@code entry=} methods) pass by name, and retransformations (of
 * classes loaded before the agent) always pass.
 */
final class BoundaryPrefilter extends ResettableClassFileTransformer.WithDelegation {

    private final Set<String> names;
    private final byte[][] needles;

    private BoundaryPrefilter(ResettableClassFileTransformer delegate, Set<String> names, List<String> needles) {
        super(delegate);
        this.names = names;
        this.needles = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /**
     * A decorator for {@link AgentBuilder#with(AgentBuilder.TransformerDecorator)}.
     *
     * @param names internal names of the types matched by name ({@code java/util/concurrent/ForkJoinPool})
     * @param needles text that a class file must contain to be matched otherwise (a method descriptor)
     */
    static AgentBuilder.TransformerDecorator decorator(Set<String> names, List<String> needles) {
        return transformer -> new BoundaryPrefilter(transformer, Set.copyOf(names), List.copyOf(needles));
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) throws java.lang.instrument.IllegalClassFormatException {
        return passes(name, redefined, bytes) ? classFileTransformer.transform(loader, name, redefined, domain, bytes)
                : null;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) throws java.lang.instrument.IllegalClassFormatException {
        return passes(name, redefined, bytes)
                ? classFileTransformer.transform(module, loader, name, redefined, domain, bytes) : null;
    }

    boolean passes(String name, Class<?> redefined, byte[] bytes) {
        if (redefined != null || name == null || names.contains(name)) {
            return true;
        }
        for (byte[] needle : needles) {
            if (contains(bytes, needle)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code needle} (non-empty) stands anywhere in {@code bytes}. */
    static boolean contains(byte[] bytes, byte[] needle) {
        byte first = needle[0];
        int last = bytes.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
