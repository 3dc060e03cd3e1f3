package dev.crosstalk.agent.instrument;

import dev.crosstalk.agent.state.StaticField;
import dev.crosstalk.bootstrap.HookTable;
import java.util.HashSet;
import java.util.Set;
import dev.crosstalk.agent.userdata.ClockSites;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites one method: static field reads and writes gain a call to the matching hook (the value is
 * duplicated for it, so the field access itself is untouched), container calls are replaced by
 * their hook, and a class initialiser is bracketed by enter/exit calls so that what it does, and
 * what the methods it calls do, count as initialisation. Class initialisers are not otherwise
 * instrumented: the JVM's class-initialisation lock already protects them.
 *
 * <p>Instance field accesses (outside constructors, where {@code this} may not be initialised yet)
 * and the returns of methods that can publish shared state report too; their hooks return at once
 * unless a publication window is open.
 */
final class AccessMethodVisitor extends MethodVisitor {
    private final AccessClassVisitor owner;
    private final String methodName;
    private final boolean classInit;
    private final boolean constructor;
    private final boolean publishing;
    private final Set<String> readFields = new HashSet<>();
    /** The field most recently loaded in this method, by field descriptor: names the receiver of a later call. */
    private final java.util.Map<String, String> lastLoaded = new java.util.HashMap<>();
    /** The application field of each type last loaded in this method: owner, name, descriptor. */
    private final java.util.Map<String, String[]> lastLoadedField = new java.util.HashMap<>();
    /** This method has read the clock: its later field writes are clock sites (see {@link ClockSites}). */
    private boolean clockRead;
    private int line;
    private int methodId;
    private Label start;

    AccessMethodVisitor(MethodVisitor next, AccessClassVisitor owner, String methodName, boolean publishing) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.methodName = methodName;
        this.classInit = methodName.equals("<clinit>");
        this.constructor = methodName.equals("<init>");
        this.publishing = publishing && !classInit;
    }

    /** The id of this method, for the sites that can publish and for its exits. */
    private int methodId() {
        if (methodId == 0) {
            methodId = owner.method(methodName);
        }
        return methodId;
    }

    private String className() {
        return owner.dottedName();
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (classInit) {
            call(HookTable.CLASS_INIT_ENTER);
            start = new Label();
            super.visitLabel(start);
        }
    }

    @Override
    public void visitLineNumber(int line, Label startLabel) {
        this.line = line;
        super.visitLineNumber(line, startLabel);
    }

    @Override
    public void visitInsn(int opcode) {
        if (classInit && opcode == Opcodes.RETURN) {
            call(HookTable.CLASS_INIT_EXIT);
        } else if (constructor && opcode == Opcodes.RETURN) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            call(HookTable.CONSTRUCTED);
        } else if (publishing && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            push(methodId());
            call(HookTable.METHOD_EXIT);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (classInit) {
            // Exceptional exit: leave initialisation, rethrow. Covers the whole original body.
            Label handler = new Label();
            super.visitLabel(handler);
            if (owner.hasFrames()) {
                super.visitFrame(Opcodes.F_FULL, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
            }
            call(HookTable.CLASS_INIT_EXIT);
            super.visitInsn(Opcodes.ATHROW);
            super.visitTryCatchBlock(start, handler, handler, null);
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
        if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
            lastLoaded.put(descriptor, fieldOwner.replace('/', '.') + '.' + name);
            lastLoadedField.put(descriptor, new String[] {fieldOwner, name, descriptor});
        }
        if (opcode == Opcodes.GETFIELD || opcode == Opcodes.PUTFIELD) {
            instanceField(opcode, fieldOwner, name, descriptor);
            return;
        }
        if (classInit || (opcode != Opcodes.GETSTATIC && opcode != Opcodes.PUTSTATIC)
                || !owner.filter().isApplication(fieldOwner)
                || fieldOwner.equals(owner.className()) && owner.quietFields.contains(name)
                || owner.markedElsewhere(fieldOwner, name)) {
            super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
            return;
        }
        String key = fieldOwner + '.' + name;
        boolean rmw = opcode == Opcodes.PUTSTATIC && readFields.contains(key);
        char kind = descriptor.charAt(0);
        boolean reference = kind == 'L' || kind == '[';
        StaticField field = owner.field(fieldOwner, name, descriptor);
        if (opcode == Opcodes.PUTSTATIC) {
            owner.declareWriteSite(fieldOwner, name, descriptor);
        }
        int site = owner.site(methodName, line, field, rmw, null,
                opcode == Opcodes.PUTSTATIC && publishing ? methodId() : 0);
        if (clockRead && opcode == Opcodes.PUTSTATIC) {
            ClockSites.add(site);
        }
        if (opcode == Opcodes.GETSTATIC) {
            readFields.add(key);
            super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
            if (reference) {
                super.visitInsn(Opcodes.DUP);
                push(site);
                call(HookTable.GET_STATIC_REF);
            } else {
                push(site);
                call(HookTable.GET_STATIC);
            }
            return;
        }
        if (reference) {
            super.visitInsn(Opcodes.DUP);
            push(site);
            call(HookTable.PUT_STATIC_REF);
        } else {
            pushBitsOfTopValue(kind);
            push(site);
            call(HookTable.PUT_STATIC);
        }
        super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
    }

    /**
     * Reports the object whose field is read or written, with the value read or written; the access
     * itself is unchanged. Own final fields are left alone (they are set in constructors only), except
     * reads of those holding a container: the container is shared when its owner is.
     */
    private void instanceField(int opcode, String fieldOwner, String name, String descriptor) {
        boolean ownFinal = fieldOwner.equals(owner.className()) && owner.finalInstanceFields.contains(name);
        boolean container = ContainerFields.holdsContainer(descriptor);
        if (classInit || constructor || !owner.filter().isApplication(fieldOwner)
                || ownFinal && (opcode == Opcodes.PUTFIELD || !container)) {
            super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
            return;
        }
        String key = fieldOwner + '.' + name;
        boolean rmw = opcode == Opcodes.PUTFIELD && readFields.contains(key);
        char kind = descriptor.charAt(0);
        int site = owner.site(methodName, line, owner.field(fieldOwner, name, descriptor), rmw, name,
                opcode == Opcodes.PUTFIELD && PublicationScan.publishesFromInstanceField(descriptor, rmw) && publishing
                        ? methodId() : 0);
        if (clockRead && opcode == Opcodes.PUTFIELD) {
            ClockSites.add(site);
        }
        boolean wide = kind == 'J' || kind == 'D';
        if (opcode == Opcodes.GETFIELD) {
            readFields.add(key);
            // [obj] -> [obj, obj] -> [obj, v] -> [v, obj, v] -> hook(obj, v) -> [v]
            super.visitInsn(Opcodes.DUP);
            super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
            super.visitInsn(wide ? Opcodes.DUP2_X1 : Opcodes.DUP_X1);
            // A container held by a shared object is shared too: its read tells the runtime so.
            HookTable hook = container ? HookTable.GET_CONTAINER_FIELD : valueHook(kind, false);
            push(site);
            call(hook);
            return;
        }
        if (wide) {
            // [obj, v2] -> [obj, v2, obj]: the value of a long or double is not passed
            super.visitInsn(Opcodes.DUP2_X1);
            super.visitInsn(Opcodes.POP2);
            super.visitInsn(Opcodes.DUP_X2);
            push(site);
            call(HookTable.PUT_FIELD);
        } else {
            // [obj, v] -> [obj, v, obj, v] -> hook(obj, v)
            super.visitInsn(Opcodes.DUP2);
            HookTable hook = valueHook(kind, true);
            push(site);
            call(hook);
        }
        super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
    }

    /** Converts the value on top of the stack for the hook and names the hook for its kind. */
    private HookTable valueHook(char kind, boolean write) {
        switch (kind) {
            case 'L':
            case '[':
                return write ? HookTable.PUT_FIELD_REF : HookTable.GET_FIELD_REF;
            case 'J':
                return HookTable.GET_FIELD_J; // a long is written through PUT_FIELD, without its value
            case 'D':
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                return HookTable.GET_FIELD_J;
            case 'F':
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                return write ? HookTable.PUT_FIELD_I : HookTable.GET_FIELD_I;
            default:
                return write ? HookTable.PUT_FIELD_I : HookTable.GET_FIELD_I;
        }
    }

    private void call(HookTable hook) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook.owner, hook.name, hook.descriptor, false);
    }

    /** Duplicates the primitive on top of the stack and widens the copy to its raw long bits. */
    private void pushBitsOfTopValue(char kind) {
        switch (kind) {
            case 'J':
                super.visitInsn(Opcodes.DUP2);
                break;
            case 'D':
                super.visitInsn(Opcodes.DUP2);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            case 'F':
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                super.visitInsn(Opcodes.I2L);
                break;
            default: // I, S, B, C, Z
                super.visitInsn(Opcodes.DUP);
                super.visitInsn(Opcodes.I2L);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String callOwner, String name, String descriptor, boolean isInterface) {
        if (!classInit) {
            HandoffCalls.before(mv, opcode, callOwner, name, descriptor);
        }
        clockRead |= ClockSites.readsClock(callOwner, name, descriptor);
        String atomic = classInit || opcode != Opcodes.INVOKEVIRTUAL ? null
                : AtomicVersions.fieldType(callOwner, name, descriptor);
        String[] from = atomic == null ? null : lastLoadedField.get(atomic);
        if (from != null && owner.filter().isApplication(from[0])) {
            push(owner.site(methodName, line, owner.field(from[0], from[1], from[2]), true, null,
                    publishing ? methodId() : 0));
            call(HookTable.ATOMIC_INCREMENT);
        }
        if (!classInit && MarkCalls.emit(mv, opcode, callOwner, name, descriptor, isInterface)) {
            return;
        }
        if (!classInit && opcode == Opcodes.INVOKESTATIC && SharedCalls.isMdc(callOwner)) {
            mdcCall(opcode, callOwner, name, descriptor, isInterface);
            return;
        }
        HookTable shared = classInit || opcode != Opcodes.INVOKEVIRTUAL ? null
                : SharedCalls.replacement(callOwner, name, descriptor);
        if (shared != null) {
            String state = null;
            for (String type : SharedCalls.receiverTypes(shared)) {
                String loaded = lastLoaded.get(type);
                if (loaded != null) {
                    state = loaded;
                }
            }
            if (state == null) {
                // Not loaded from a field here (a parameter, a local): named after where it is used.
                state = className() + "." + methodName + "(" + callOwner.substring(callOwner.lastIndexOf('/') + 1) + ")";
            }
            int site = owner.site(methodName, line, null, false, state, 0);
            push(site);
            call(shared);
            return;
        }
        if (!classInit && opcode == Opcodes.INVOKEINTERFACE
                && PublicationScan.isSharedAttributeStore(callOwner, name, descriptor)) {
            int site = owner.site(methodName, line, null, false, callOwner.replace('/', '.'),
                    publishing ? methodId() : 0);
            super.visitInsn(Opcodes.DUP2);
            push(site);
            call(HookTable.SESSION_ATTRIBUTE);
            super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
            return;
        }
        HookTable hook = classInit || (opcode != Opcodes.INVOKEINTERFACE && opcode != Opcodes.INVOKEVIRTUAL)
                ? null : ContainerCalls.hookFor(callOwner, name, descriptor);
        if (hook == null) {
            super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
            return;
        }
        int site = owner.site(methodName, line, null, false, null,
                publishing && hook.stores ? methodId() : 0);
        push(site);
        call(hook);
        Type original = Type.getReturnType(descriptor);
        Type replaced = Type.getReturnType(hook.descriptor);
        if (original.getSort() == Type.OBJECT && !original.equals(replaced)) {
            super.visitTypeInsn(Opcodes.CHECKCAST, original.getInternalName());
        }
    }

    /** String concatenation bootstraps through {@link MarkCalls#concatBootstrap}, which follows the marks. */
    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
        super.visitInvokeDynamicInsn(name, descriptor, classInit ? bsm : MarkCalls.concatBootstrap(bsm), bsmArgs);
    }

    /** MDC calls stay as they are; the hooks see the key (and the value read) around them. */
    private void mdcCall(int opcode, String callOwner, String name, String descriptor, boolean isInterface) {
        String signature = name + descriptor;
        if (!signature.equals("put(Ljava/lang/String;Ljava/lang/String;)V") && !signature.equals("remove(Ljava/lang/String;)V")
                && !signature.equals("clear()V") && !signature.equals("get(Ljava/lang/String;)Ljava/lang/String;")
                && !signature.equals("clearMap()V") && !signature.equals("clearAll()V")) {
            super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
            return;
        }
        int site = owner.site(methodName, line, null, false, callOwner.replace('/', '.'), 0);
        switch (name) {
            case "put":
                hookBeforeCall(Opcodes.DUP2, HookTable.MDC_PUT, site);
                super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
                return;
            case "remove":
                hookBeforeCall(Opcodes.DUP, HookTable.MDC_REMOVE, site);
                super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
                return;
            case "clear":
            case "clearMap":
            case "clearAll":
                hookBeforeCall(Opcodes.NOP, HookTable.MDC_CLEAR, site);
                super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
                return;
            default: // get: [k] -> [k, k] -> [k, r] -> [r, k, r] -> hook(k, r) -> [r]
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
                super.visitInsn(Opcodes.DUP_X1);
                push(site);
                call(HookTable.MDC_GET);
        }
    }

    /** Copies the call's arguments ({@code dup}: DUP, DUP2 or NOP for none) into a hook with the site. */
    private void hookBeforeCall(int dup, HookTable hook, int site) {
        if (dup != Opcodes.NOP) {
            super.visitInsn(dup);
        }
        push(site);
        call(hook);
    }

    private void push(int value) {
        if (value <= Short.MAX_VALUE) {
            super.visitIntInsn(value <= Byte.MAX_VALUE ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }
}
