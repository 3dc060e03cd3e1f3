package dev.crosstalk.agent.instrument;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A first pass over a class: which methods can publish shared state (store a reference into a
 * static field, a container or a session). Their exits close publication windows, so the second
 * pass must know before it reaches their first return instruction.
 */
final class PublicationScan extends ClassVisitor {
    private final ClassFilter filter;
    final Set<String> publishing = new HashSet<>();

    private PublicationScan(ClassFilter filter) {
        super(Opcodes.ASM9);
        this.filter = filter;
    }

    /** Method names plus descriptors ({@code load()V}) of the methods that can publish. */
    static Set<String> scan(ClassReader reader, ClassFilter filter) {
        PublicationScan scan = new PublicationScan(filter);
        reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return scan.publishing;
    }

    /**
     * {@code setAttribute(String, Object)} on an {@code HttpSession} (reachable by the requests of that
     * session) or a {@code ServletContext} (reachable by every request of the webapp), either servlet API.
     */
    static boolean isSharedAttributeStore(String owner, String name, String descriptor) {
        return name.equals("setAttribute") && descriptor.equals("(Ljava/lang/String;Ljava/lang/Object;)V")
                && (owner.equals("jakarta/servlet/http/HttpSession") || owner.equals("javax/servlet/http/HttpSession")
                        || owner.equals("jakarta/servlet/ServletContext") || owner.equals("javax/servlet/ServletContext"));
    }

    /**
     * Whether a write into an instance field of type {@code descriptor} can publish: a reference stored
     * into a shared object publishes it, and a shared object's number can be a version saying "new"
     * (any static write can be a flag or a version).
     */
    static boolean publishesFromInstanceField(String descriptor) {
        char type = descriptor.charAt(0);
        return type == 'L' || type == '[' || type == 'I' || type == 'J';
    }

    /**
     * Whether a write into an instance field can publish, given whether its method read that field
     * before: as {@link #publishesFromInstanceField}, or a boolean checked and then set
     * ({@code if (!loaded) { loaded = true; … }}), which can be a guard flag. Booleans set without a
     * check (setters, {@code running = true}) are an object's state, and their methods stay unhooked.
     */
    static boolean publishesFromInstanceField(String descriptor, boolean readBefore) {
        return publishesFromInstanceField(descriptor) || readBefore && descriptor.equals("Z");
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if (name.equals("<clinit>")) {
            return null;
        }
        String key = name + descriptor;
        boolean constructor = name.equals("<init>");
        return new MethodVisitor(Opcodes.ASM9) {
            private final Set<String> read = new HashSet<>();

            @Override
            public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                if (opcode == Opcodes.GETFIELD) {
                    read.add(owner + '.' + field);
                }
                if ((opcode == Opcodes.PUTSTATIC || opcode == Opcodes.PUTFIELD && !constructor
                        && publishesFromInstanceField(desc, read.contains(owner + '.' + field)))
                        && filter.isApplication(owner)) {
                    publishing.add(key);
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                dev.crosstalk.bootstrap.HookTable hook = ContainerCalls.hookFor(owner, method, desc);
                if (hook != null && hook.stores || isSharedAttributeStore(owner, method, desc)
                        || AtomicVersions.fieldType(owner, method, desc) != null) {
                    publishing.add(key);
                }
            }
        };
    }
}
