package dev.crosstalk.agent.instrument;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Instruments application classes at load time so that every static field access and every call on
 * a JDK container reports to {@code Hooks}. Classes that are not application classes, classes being
 * redefined, and anything that fails to transform are left exactly as they were.
 */
public final class AccessTransformer implements ClassFileTransformer {
    private final ClassFilter filter;
    private final SiteTable sites;
    private final FieldTable fields;
    private final BiConsumer<String, Throwable> onFailure;
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final AtomicLong transformed = new AtomicLong();
    private final IntentionalSharing sharing;
    /** Classes left as they were because the site or field table was full. */
    private final AtomicLong notInstrumented = new AtomicLong();
    /**
     * Whether classes being retransformed are instrumented too: only for an agent attached to a running
     * JVM, which instruments the classes loaded before it came. Started with {@code -javaagent}, the
     * agent sees every class load and leaves retransformations by others alone.
     */
    private volatile boolean retransforming;

    /**
     * @param onFailure told once per class that could not be transformed (the class stays unchanged)
     */
    public AccessTransformer(ClassFilter filter, SiteTable sites, FieldTable fields,
            BiConsumer<String, Throwable> onFailure) {
        this(filter, sites, fields, onFailure, new IntentionalSharing());
    }

    /** @param sharing where the classes and fields marked as shared on purpose are collected */
    public AccessTransformer(ClassFilter filter, SiteTable sites, FieldTable fields,
            BiConsumer<String, Throwable> onFailure, IntentionalSharing sharing) {
        this.filter = filter;
        this.sites = sites;
        this.fields = fields;
        this.onFailure = onFailure;
        this.sharing = sharing;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        if (loader == null || redefined != null && !retransforming || className == null
                || !filter.isApplication(className)) {
            return null;
        }
        try {
            byte[] result = instrument(bytes, loader);
            if (result != null) {
                transformed.incrementAndGet();
            }
            return result;
        } catch (Throwable t) {
            if (failed.add(className)) {
                onFailure.accept(className.replace('/', '.'), t);
            }
            return null;
        }
    }

    /**
     * Transformed bytes, or null when the class has nothing to instrument or the site or field table
     * is full. A table that fills up while this class is rewritten discards the rewrite: the class
     * is instrumented completely or not at all, and is counted in {@link #notInstrumentedCount}.
     */
    public byte[] instrument(byte[] bytes) {
        return instrument(bytes, null);
    }

    /**
     * Transformed bytes, or null when the class has nothing to instrument; {@code loader} is the class's
     * loader, through which the class files of the classes whose static fields it accesses are read
     * (null: only classes already instrumented are known).
     */
    public byte[] instrument(byte[] bytes, ClassLoader loader) {
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        ClassReader reader = new ClassReader(bytes);
        if (major < Opcodes.V1_6 || (reader.getAccess() & Opcodes.ACC_MODULE) != 0) {
            return null; // pre-Java-6 classes have no stack map frames to keep consistent
        }
        if (sites.full() || fields.full()) {
            notInstrumented.incrementAndGet(); // checked first: parsing it would be wasted
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        AccessClassVisitor visitor = new AccessClassVisitor(writer, filter, sites, fields,
                PublicationScan.scan(reader, filter), sharing, loader);
        try {
            reader.accept(visitor, 0);
        } catch (TableFull full) {
            // The sites and fields it registered so far stay (unused, and within the caps).
            notInstrumented.incrementAndGet();
            return null;
        }
        return visitor.changed() ? writer.toByteArray() : null;
    }

    /** From now on, classes being retransformed are instrumented as if they were being loaded. */
    public void instrumentRetransformedClasses() {
        retransforming = true;
    }

    /** Classes transformed so far. */
    public long transformedCount() {
        return transformed.get();
    }

    /** Application classes left uninstrumented because the site or field table was full. */
    public long notInstrumentedCount() {
        return notInstrumented.get();
    }
}
