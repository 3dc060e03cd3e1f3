package dev.crosstalk.agent.instrument;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Classes and static fields the application marks as shared on purpose, without depending on
 * crosstalk: an annotation whose simple name is {@code ThreadSafe} or {@code Immutable} on a class or a
 * static field, or {@code GuardedBy} on a static field, from any package (jsr305's
 * {@code javax.annotation.concurrent}, jcip's {@code net.jcip.annotations}, the application's own).
 * Those annotations have class retention, so they are read from the class file, never by reflection.
 *
 * <p>A marked static field, and every static field of a marked class, gets no hooks; objects of a
 * marked class are neither containers nor structs to the runtime.
 *
 * <p>Order: a class's own fields are declared before its methods in the class file, so its own
 * accesses are decided in the same pass. A class that accesses another class's static field can be
 * instrumented before that class is loaded (the JVM loads it when the access first runs, and the hook
 * of a write runs just before that). Such an owner's class file is therefore read here, through the
 * accessing class's loader, the first time it is met, and the answer is kept by name. Objects of a
 * marked class exist only once their class was loaded, hence instrumented, so the runtime's question
 * about them always finds the answer.
 */
public final class IntentionalSharing {
    private static final Set<String> FIELD_MARKS = Set.of("ThreadSafe", "Immutable", "GuardedBy");
    private static final Set<String> CLASS_MARKS = Set.of("ThreadSafe", "Immutable");

    /** Internal names of marked classes. */
    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    /** Per class seen (internal name), its static fields that get no hooks; an empty set when none. */
    private final Map<String, Set<String>> quietFields = new ConcurrentHashMap<>();
    /**
     * Per class seen, its {@code volatile} fields, static or not: declared shared across threads too,
     * and their accesses are happens-before edges (see {@code MutationPass}). Read from the same class
     * file, at the same time, as the marks.
     */
    private final Map<String, Set<String>> volatileFields = new ConcurrentHashMap<>();

    /** True for an annotation that marks a static field ({@code Ljavax/annotation/concurrent/GuardedBy;}). */
    static boolean marksField(String descriptor) {
        return FIELD_MARKS.contains(simpleName(descriptor));
    }

    /** True for an annotation that marks a whole class. */
    static boolean marksClass(String descriptor) {
        return CLASS_MARKS.contains(simpleName(descriptor));
    }

    private static String simpleName(String descriptor) {
        int start = Math.max(descriptor.lastIndexOf('/'), descriptor.lastIndexOf('$')) + 1;
        int end = descriptor.endsWith(";") ? descriptor.length() - 1 : descriptor.length();
        return start < end ? descriptor.substring(start, end) : descriptor;
    }

    /** What the transformer found in {@code owner}'s class file (internal name). */
    void declare(String owner, boolean classMarked, Set<String> staticFieldsWithoutHooks, Set<String> volatiles) {
        if (classMarked) {
            classes.add(owner);
        }
        quietFields.put(owner, Set.copyOf(staticFieldsWithoutHooks));
        volatileFields.put(owner, Set.copyOf(volatiles));
    }

    /**
     * True when {@code owner.name} is declared {@code volatile} in {@code owner}'s class file. With
     * {@code readAhead}, a class not seen yet is read from {@code loader} (static fields: the marks need
     * that read anyway); without, it counts as having none, since reading every class whose instance
     * fields others touch made a framework's start-up slower by half. A field inherited from a
     * superclass is not found.
     */
    boolean isVolatileField(String owner, String name, ClassLoader loader, boolean readAhead) {
        Set<String> v = volatileFields.get(owner);
        if (v == null) {
            if (!readAhead) {
                return false;
            }
            readAhead(owner, loader);
            v = volatileFields.computeIfAbsent(owner, k -> Set.of()); // unreadable: read once, taken as none
        }
        return v.contains(name);
    }

    /** True when objects of {@code className} ({@code com.acme.Cache} or {@code com/acme/Cache}) are marked. */
    public boolean isMarkedClass(String className) {
        return !classes.isEmpty() && classes.contains(className.replace('.', '/'));
    }

    /**
     * True when accesses to the static field {@code owner.name} get no hooks. An owner not seen yet is
     * read from {@code loader}; when that fails, the field is watched.
     */
    boolean isQuietField(String owner, String name, ClassLoader loader) {
        Set<String> quiet = quietFields.get(owner);
        if (quiet == null) {
            quiet = readAhead(owner, loader);
        }
        return quiet.contains(name);
    }

    private Set<String> readAhead(String owner, ClassLoader loader) {
        if (loader == null) {
            return Set.of();
        }
        try (InputStream in = loader.getResourceAsStream(owner + ".class")) {
            if (in == null) {
                return Set.of();
            }
            Marks marks = new Marks();
            new ClassReader(in).accept(marks, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            Set<String> quiet = marks.quietFields();
            // The class's own transformation, when it comes, declares the same; it must not be replaced by an
            // older answer, so only the first one is kept.
            volatileFields.putIfAbsent(owner, Set.copyOf(marks.volatileFields));
            Set<String> earlier = quietFields.putIfAbsent(owner, quiet);
            if (earlier == null && marks.classMarked) {
                classes.add(owner);
            }
            return earlier == null ? quiet : earlier;
        } catch (Throwable t) {
            // Unreadable or unparsable: the field is watched, as without the mark; counted, as it should not happen.
            dev.crosstalk.bootstrap.Hooks.error(t);
            return Set.of();
        }
    }

    /** Collects the marks of one class file: its own annotations and those of its static fields. */
    static final class Marks extends ClassVisitor {
        boolean classMarked;
        final Set<String> staticFields = new HashSet<>();
        final Set<String> markedFields = new HashSet<>();
        final Set<String> volatileFields = new HashSet<>();

        Marks() {
            super(Opcodes.ASM9);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            classMarked |= marksClass(descriptor);
            return null;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_VOLATILE) != 0) {
                volatileFields.add(name);
            }
            if ((access & Opcodes.ACC_STATIC) == 0) {
                return null;
            }
            staticFields.add(name);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    if (marksField(annotation)) {
                        markedFields.add(name);
                    }
                    return null;
                }
            };
        }

        Set<String> quietFields() {
            return classMarked ? staticFields : markedFields;
        }
    }
}
