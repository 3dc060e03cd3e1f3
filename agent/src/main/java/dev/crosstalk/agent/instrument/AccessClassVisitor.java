package dev.crosstalk.agent.instrument;

import dev.crosstalk.agent.state.FieldTable;
import dev.crosstalk.agent.state.SiteTable;
import dev.crosstalk.agent.state.StaticField;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Collects what the methods need (own fields, source file) and hands each method to an {@link AccessMethodVisitor}. */
final class AccessClassVisitor extends ClassVisitor {
    private final ClassFilter filter;
    private final SiteTable sites;
    private final FieldTable fields;
    private String name;
    /** {@code com.acme.Foo}: made once, shared by every site of the class (a million sites are a lot of strings). */
    private String dottedName;
    private String source;
    private int version;
    /** Own static fields that need no watching: constants and immutable values fixed at class init. */
    final Set<String> quietFields = new HashSet<>();
    /** Own final instance fields: set in constructors only, so never a channel between requests. */
    final Set<String> finalInstanceFields = new HashSet<>();
    private final Set<String> publishing;
    private final IntentionalSharing sharing;
    private final ClassLoader loader;
    /** The webapp of the class's loader, or null (see {@link Webapps}): its fields and sites are its own. */
    private final String webapp;
    private boolean changed;
    /** Annotated {@code ThreadSafe}/{@code Immutable} (see {@link IntentionalSharing}). */
    private boolean classMarked;
    private final Set<String> markedFields = new HashSet<>();
    /** Own {@code volatile} fields, static or not: their accesses are happens-before edges. */
    private final Set<String> volatileFields = new HashSet<>();

    AccessClassVisitor(ClassVisitor next, ClassFilter filter, SiteTable sites, FieldTable fields,
            Set<String> publishing, IntentionalSharing sharing, ClassLoader loader) {
        super(Opcodes.ASM9, next);
        this.filter = filter;
        this.sites = sites;
        this.fields = fields;
        this.publishing = publishing;
        this.sharing = sharing;
        this.loader = loader;
        this.webapp = Webapps.of(loader);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        classMarked |= IntentionalSharing.marksClass(descriptor);
        return super.visitAnnotation(descriptor, visible);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.name = name;
        this.dottedName = name.replace('/', '.');
        this.version = version;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        this.source = source;
        super.visitSource(source, debug);
    }

    @Override
    public FieldVisitor visitField(int access, String fieldName, String descriptor, String signature, Object value) {
        if ((access & Opcodes.ACC_VOLATILE) != 0) {
            volatileFields.add(fieldName);
        }
        if ((access & Opcodes.ACC_STATIC) == 0 && (access & Opcodes.ACC_FINAL) != 0) {
            finalInstanceFields.add(fieldName);
        }
        if ((access & Opcodes.ACC_STATIC) != 0) {
            boolean isFinal = (access & Opcodes.ACC_FINAL) != 0;
            if (!fields.declare(name, fieldName, descriptor, isFinal, webapp)) {
                throw new TableFull("max-fields");
            }
            if (isFinal && (immutable(descriptor) || (access & Opcodes.ACC_ENUM) != 0
                    || (access & Opcodes.ACC_SYNTHETIC) != 0)) {
                quietFields.add(fieldName);
            }
            if (classMarked) {
                markedFields.add(fieldName);
                quietFields.add(fieldName);
            }
            // Field annotations come after this call and before any method: in time for the methods' accesses.
            return new FieldVisitor(Opcodes.ASM9, super.visitField(access, fieldName, descriptor, signature, value)) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    if (IntentionalSharing.marksField(annotation)) {
                        markedFields.add(fieldName);
                        quietFields.add(fieldName);
                    }
                    return super.visitAnnotation(annotation, visible);
                }
            };
        }
        return super.visitField(access, fieldName, descriptor, signature, value);
    }

    @Override
    public void visitEnd() {
        sharing.declare(name, classMarked, markedFields, volatileFields);
        super.visitEnd();
    }

    /** True when another class's static field {@code owner.fieldName} is marked as shared on purpose. */
    boolean markedElsewhere(String owner, String fieldName) {
        return !owner.equals(name) && sharing.isQuietField(owner, fieldName, loader);
    }

    /**
     * True when the field {@code fieldOwner.fieldName} of an application class is declared {@code
     * volatile}: always known for own fields and other classes' statics, for another class's instance
     * field only once that class was seen (see {@link IntentionalSharing#isVolatileField}).
     */
    boolean isVolatile(String fieldOwner, String fieldName, boolean isStatic) {
        return fieldOwner.equals(name) ? volatileFields.contains(fieldName)
                : filter.isApplication(fieldOwner)
                        && sharing.isVolatileField(fieldOwner, fieldName, loader, isStatic);
    }

    /** Written so that shade does not relocate it (see {@link ClassFilter#unshaded}). */
    private static final String SLF4J_LOGGER = "L" + ClassFilter.unshaded("org slf4j") + "Logger;";

    static boolean immutable(String descriptor) {
        return descriptor.length() == 1 || descriptor.equals("Ljava/lang/String;")
                || descriptor.startsWith("Ljava/lang/") && (descriptor.equals("Ljava/lang/Integer;")
                        || descriptor.equals("Ljava/lang/Long;") || descriptor.equals("Ljava/lang/Boolean;")
                        || descriptor.equals("Ljava/lang/Double;") || descriptor.equals("Ljava/lang/Class;"))
                || descriptor.equals("Ljava/util/regex/Pattern;") || descriptor.equals(SLF4J_LOGGER)
                || descriptor.equals("Ljava/util/logging/Logger;") || descriptor.equals("Lorg/apache/logging/log4j/Logger;")
                || descriptor.equals("Lorg/apache/commons/logging/Log;");
    }

    @Override
    public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
            String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, methodName, descriptor, signature, exceptions);
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || mv == null) {
            return mv;
        }
        changed = true;
        return new MutationPass(access, methodName, descriptor, signature, exceptions, this,
                new AccessMethodVisitor(mv, this, methodName, publishing.contains(methodName + descriptor)));
    }

    boolean changed() {
        return changed;
    }

    String className() {
        return name;
    }

    /** The class name with dots, for sites. */
    String dottedName() {
        return dottedName;
    }

    /**
     * Registers a site (see {@link SiteTable#register}); when the table is full the class cannot be
     * instrumented at all, so this throws {@link TableFull} rather than answer a site id of 0.
     */
    int site(String methodName, int line, StaticField field, boolean readModifyWrite, String member, int method) {
        // Method names repeat across classes (get, apply, handle): sites share one copy of each.
        int id = sites.register(dottedName, methodName.intern(), source, line, field, readModifyWrite, member, method,
                webapp);
        if (id == 0) {
            throw new TableFull("max-sites");
        }
        return id;
    }

    /** The id of a method that can publish; {@link TableFull} when the site table is full. */
    int method(String methodName) {
        int id = sites.registerMethod(dottedName, methodName.intern(), source, webapp);
        if (id == 0) {
            throw new TableFull("max-sites");
        }
        return id;
    }

    /** The field {@code fieldOwner.name}; {@link TableFull} when it is new and the field table is full. */
    StaticField field(String fieldOwner, String fieldName, String descriptor) {
        StaticField f = fields.field(fieldOwner, fieldName, descriptor, webapp);
        if (f == null) {
            throw new TableFull("max-fields");
        }
        return f;
    }

    String source() {
        return source;
    }

    boolean hasFrames() {
        return (version & 0xffff) >= Opcodes.V1_6;
    }

    ClassFilter filter() {
        return filter;
    }

    FieldTable fields() {
        return fields;
    }

    /** Notes a write of {@code fieldOwner.fieldName} outside the class initialiser (see {@link FieldTable#declareWriteSite}). */
    void declareWriteSite(String fieldOwner, String fieldName, String descriptor) {
        fields.declareWriteSite(fieldOwner, fieldName, descriptor, webapp);
    }
}
