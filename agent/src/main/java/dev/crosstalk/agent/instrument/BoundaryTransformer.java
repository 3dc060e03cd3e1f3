package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.Hooks;
import dev.crosstalk.bootstrap.RequestCarrier;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves the request boundaries ({@link Boundaries}, {@link ServerBoundaries}) and the log-event
 * advice ({@link LogEvents}) into the classes they apply to, with ASM. A class file is first judged by
 * name and by a byte search ({@link BoundaryPrefilter}); the few that pass are read twice, once to
 * find the advised methods and their {@code max_locals}, once to weave. Anything that fails leaves
 * the class as it was and is told once to {@code onError}.
 *
 * <p>Why not Byte Buddy, which did this before: loading and starting its agent builder and advice was
 * three quarters of a second of CPU at every start (measured on the remixer test app, whose start
 * takes one second without the agent), for a dozen methods woven the same way.
 */
public final class BoundaryTransformer implements ClassFileTransformer {
    /** Classes retransformed per call: one bad class fails its batch, which is then done class by class. */
    private static final int BATCH = 200;
    /** Past this many, failed classes are no longer remembered by name (each is still left unchanged). */
    private static final int MAX_FAILED = 1_000;

    private final Instrumentation inst;
    private final List<Boundaries.EntryMethod> entries;
    private final Set<String> exact;
    private final BoundaryPrefilter prefilter;
    private final BiConsumer<String, Throwable> onError;
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Module hooks = Hooks.class.getModule();

    BoundaryTransformer(Instrumentation inst, List<Boundaries.EntryMethod> entries, BiConsumer<String, Throwable> onError) {
        this.inst = inst;
        this.entries = List.copyOf(entries);
        this.exact = Boundaries.exactTypes(entries);
        Set<String> names = new HashSet<>(exact);
        names.add(LogEvents.LOGBACK_EVENT);
        List<String> needles = new ArrayList<>(Boundaries.NEEDLES);
        needles.add(LogEvents.INJECTOR_METHOD);
        this.prefilter = new BoundaryPrefilter(names, needles);
        this.onError = onError;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) {
        if (name == null || bytes == null || !prefilter.passes(name, redefined, bytes)) {
            return null;
        }
        try {
            byte[] woven = weave(loader, name, redefined, bytes);
            if (woven != null && module != null && module.isNamed() && !module.canRead(hooks)) {
                // A JDK class (an executor, the HTTP chain) in a named module must be able to call the hooks.
                inst.redefineModule(module, Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
            }
            return woven;
        } catch (Throwable t) {
            if (failed.size() < MAX_FAILED && failed.add(name)) {
                onError.accept(name.replace('/', '.'), t);
            }
            return null;
        }
    }

    /** The class with its boundaries woven in, or null when none applies. */
    byte[] weave(ClassLoader loader, String name, Class<?> redefined, byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        int version = reader.readUnsignedShort(6);
        if (version < Opcodes.V1_6 || (reader.getAccess() & Opcodes.ACC_MODULE) != 0) {
            return null; // pre-Java-6 classes have no stack map frames to keep consistent
        }
        TypeShape type = new TypeShape(name, reader.getSuperName(), reader.getInterfaces(), reader.getAccess(),
                loader, redefined);
        boolean logs = LogEvents.applies(name);
        if (!logs && Boundaries.ignored(type)) {
            return null;
        }
        Map<String, BoundaryAdvice> advised = new HashMap<>();
        Map<String, Integer> maxLocals = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                    String[] exceptions) {
                BoundaryAdvice advice = !TypeShape.hasCode(access) ? null
                        : logs ? LogEvents.advice(type, method, descriptor)
                        : Boundaries.advice(type, entries, access, method, descriptor);
                if (advice == null) {
                    return null;
                }
                String key = method + descriptor;
                advised.put(key, advice);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals.put(key, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        boolean carrier = RequestCarriers.applies(name, reader.getAccess(), redefined);
        if (advised.isEmpty() && !carrier) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String type, String signature, String superName,
                    String[] interfaces) {
                super.visit(version, access, type, signature, superName,
                        carrier ? RequestCarriers.withInterface(interfaces) : interfaces);
            }

            @Override
            public void visitEnd() {
                if (carrier) {
                    RequestCarriers.addMembers(cv, name);
                }
                super.visitEnd();
            }

            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, method, descriptor, signature, exceptions);
                String key = method + descriptor;
                BoundaryAdvice advice = advised.get(key);
                if (advice == null || advice.constructorExit() != method.equals("<init>")) {
                    return mv;
                }
                BoundaryAdvice.Site site = new BoundaryAdvice.Site(name, method, descriptor,
                        (access & Opcodes.ACC_STATIC) != 0);
                return new BoundaryMethodVisitor(mv, advice, site, maxLocals.getOrDefault(key, 0), true,
                        advice.constructorExit());
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /**
     * Retransforms the loaded classes the advice applies to: all of them when {@code attached}, else
     * only those matched by exact name (nothing else of them is loaded before {@code premain}).
     */
    void retransformLoaded(boolean attached) {
        retransform(inst, loaded(attached));
    }

    /**
     * Takes the advice back: this transformer is removed and every loaded class it may have changed is
     * retransformed without it, back to what the other transformers make of its original bytes. A
     * {@link RequestCarrier} cannot lose its field, so it keeps its hooks, which do nothing once the
     * agent is gone.
     */
    public void reset() {
        inst.removeTransformer(this);
        List<Class<?>> classes = loaded(true);
        classes.removeIf(RequestCarrier.class::isAssignableFrom);
        retransform(inst, classes);
    }

    private List<Class<?>> loaded(boolean all) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            try {
                String n = c.getName().replace('.', '/');
                // Hidden classes (lambdas) have a '/' in their name and cannot be retransformed.
                if (c.isArray() || c.isPrimitive() || c.getName().indexOf('/') >= 0 || !inst.isModifiableClass(c)) {
                    continue;
                }
                if (exact.contains(n) || all && (Boundaries.mayApply(c, exact) || LogEvents.mayApply(c))) {
                    out.add(c);
                }
            } catch (Throwable t) {
                Hooks.error(t); // a class whose super types cannot be read is left alone
            }
        }
        return out;
    }

    /** Retransforms {@code classes} in batches, a failed batch class by class; answers how many were done. */
    public static int retransform(Instrumentation inst, List<Class<?>> classes) {
        int done = 0;
        for (int from = 0; from < classes.size(); from += BATCH) {
            List<Class<?>> batch = classes.subList(from, Math.min(classes.size(), from + BATCH));
            try {
                inst.retransformClasses(batch.toArray(new Class<?>[0]));
                done += batch.size();
            } catch (Throwable batchFailed) {
                for (Class<?> c : batch) {
                    try {
                        inst.retransformClasses(c);
                        done++;
                    } catch (Throwable t) {
                        Hooks.error(t); // that class stays as it is; the others go on
                    }
                }
            }
        }
        return done;
    }
}
