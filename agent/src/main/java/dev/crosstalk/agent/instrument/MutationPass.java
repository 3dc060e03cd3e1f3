package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.HookTable;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Adds what the detection of unsafe concurrent mutation needs to one method, before the rest of the
 * instrumentation sees it: the locks the method takes and releases (monitors, synchronized methods,
 * {@code Lock.lock/tryLock/unlock}, the halves of a {@code ReadWriteLock}), loads of container and
 * builder fields (which may make them shared), calls on {@code StringBuilder}s that may be shared,
 * the construction of {@code LinkedHashMap}s in access order, and reads and writes of {@code volatile}
 * fields of application classes (happens-before edges between threads).
 *
 * <p>A {@code StringBuilder} call whose receiver the method itself made ({@code new} in this method,
 * through locals and {@code append} chains, by ASM's source analysis) gets no hook, so a local
 * builder stays a candidate for escape analysis. Every added sequence leaves the stack as it found
 * it and contains no branch, so the method's stack map frames stay valid.
 */
final class MutationPass extends MethodNode {
    private static final String SB = "java/lang/StringBuilder";
    private static final String LHM = "java/util/LinkedHashMap";
    private static final Set<String> LOCKS = Set.of("java/util/concurrent/locks/Lock",
            "java/util/concurrent/locks/ReentrantLock", "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");
    private static final Set<String> READ_WRITE_LOCKS = Set.of("java/util/concurrent/locks/ReadWriteLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock");
    private static final Set<String> SB_WRITES_RETURNING_THIS = Set.of("append", "insert", "delete", "deleteCharAt",
            "replace", "reverse");
    /** Field types whose values may be watched: the JDK's non-thread-safe containers, their interfaces, builders, date and digest types. */
    private static final Set<String> WATCHED_FIELD_TYPES = Set.of("Ljava/util/Map;", "Ljava/util/HashMap;",
            "Ljava/util/LinkedHashMap;", "Ljava/util/TreeMap;", "Ljava/util/SortedMap;", "Ljava/util/NavigableMap;",
            "Ljava/util/AbstractMap;", "Ljava/util/List;", "Ljava/util/ArrayList;", "Ljava/util/LinkedList;",
            "Ljava/util/Collection;", "Ljava/util/Set;", "Ljava/util/HashSet;", "Ljava/util/LinkedHashSet;",
            "Ljava/util/TreeSet;", "Ljava/util/SortedSet;", "Ljava/util/NavigableSet;", "Ljava/util/Queue;",
            "Ljava/util/Deque;", "Ljava/util/ArrayDeque;", "Ljava/util/PriorityQueue;", "Ljava/lang/StringBuilder;",
            "Ljava/lang/Iterable;", "Ljava/text/DateFormat;", "Ljava/text/SimpleDateFormat;", "Ljava/util/Calendar;",
            "Ljava/util/GregorianCalendar;", "Ljava/security/MessageDigest;");

    private final AccessClassVisitor owner;
    private final MethodVisitor next;
    private int line;
    /** Source frames of the original instructions, by identity: computed before anything is inserted. */
    private final java.util.Map<AbstractInsnNode, Frame<SourceValue>> frames = new java.util.IdentityHashMap<>();

    MutationPass(int access, String name, String descriptor, String signature, String[] exceptions,
            AccessClassVisitor owner, MethodVisitor next) {
        super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
        this.owner = owner;
        this.next = next;
    }

    @Override
    public void visitEnd() {
        super.visitEnd();
        if (!name.equals("<clinit>")) {
            rewrite();
        }
        accept(next);
    }

    private void rewrite() {
        boolean constructor = name.equals("<init>");
        analyseIfNeeded();
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            synchronizedMethod();
        }
        for (AbstractInsnNode insn = instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode) {
                line = ((LineNumberNode) insn).line;
            } else if (insn.getOpcode() == Opcodes.MONITORENTER || insn.getOpcode() == Opcodes.MONITOREXIT) {
                InsnList before = new InsnList();
                before.add(new InsnNode(Opcodes.DUP));
                before.add(lockHook(insn.getOpcode() == Opcodes.MONITORENTER ? 1 : 2));
                instructions.insertBefore(insn, before);
            } else if (insn instanceof FieldInsnNode) {
                FieldInsnNode field = (FieldInsnNode) insn;
                if (insn.getOpcode() == Opcodes.GETFIELD && !constructor) {
                    fieldLoad(field);
                }
                boolean instance = insn.getOpcode() == Opcodes.GETFIELD || insn.getOpcode() == Opcodes.PUTFIELD;
                // In a constructor the owner may not be initialised yet, and no other thread sees it anyway.
                if (!(instance && constructor) && owner.isVolatile(field.owner, field.name, !instance)) {
                    volatileAccess(field);
                }
            } else if (insn instanceof MethodInsnNode) {
                call((MethodInsnNode) insn, constructor);
            }
        }
    }

    private void synchronizedMethod() {
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        for (AbstractInsnNode insn = instructions.getFirst(); insn != null; insn = insn.getNext()) {
            int op = insn.getOpcode();
            if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
                InsnList exit = new InsnList();
                exit.add(monitorOfMethod(isStatic));
                exit.add(lockHook(2));
                instructions.insertBefore(insn, exit);
            }
        }
        InsnList enter = new InsnList();
        enter.add(monitorOfMethod(isStatic));
        enter.add(lockHook(1));
        instructions.insert(enter);
    }

    private AbstractInsnNode monitorOfMethod(boolean isStatic) {
        return isStatic ? new LdcInsnNode(Type.getObjectType(owner.className())) : new VarInsnNode(Opcodes.ALOAD, 0);
    }

    /** The lock on top of the stack is consumed by the hook with {@code event}. */
    private static InsnList lockHook(int event) {
        InsnList l = new InsnList();
        l.add(new InsnNode(Opcodes.ICONST_0 + event));
        l.add(hook(HookTable.LOCK));
        return l;
    }

    private void fieldLoad(FieldInsnNode insn) {
        if (!WATCHED_FIELD_TYPES.contains(insn.desc) || !owner.filter().isApplication(insn.owner)) {
            return;
        }
        int site = owner.site(name, line, null, false, insn.owner.replace('/', '.') + "." + insn.name, 0);
        instructions.insertBefore(insn, new InsnNode(Opcodes.DUP));
        // [owner, owner] -> GETFIELD -> [owner, value] -> [value, owner, value] -> hook -> [value]
        InsnList after = new InsnList();
        after.add(new InsnNode(Opcodes.DUP_X1));
        after.add(push(site));
        after.add(hook(HookTable.FIELD_LOADED));
        instructions.insert(insn, after);
    }

    /**
     * A read or write of a {@code volatile} field: the write's hook runs just before it (a release
     * must be published before another thread can see the value), the read's just after (an acquire
     * must follow the value it read). The hooks take the owner (null for a static) and the site.
     */
    private void volatileAccess(FieldInsnNode insn) {
        int site = owner.site(name, line, null, false, insn.owner.replace('/', '.') + "." + insn.name, 0);
        boolean wide = Type.getType(insn.desc).getSize() == 2;
        InsnList l = new InsnList();
        switch (insn.getOpcode()) {
            case Opcodes.GETSTATIC:
            case Opcodes.PUTSTATIC:
                l.add(new InsnNode(Opcodes.ACONST_NULL));
                l.add(push(site));
                l.add(hook(insn.getOpcode() == Opcodes.GETSTATIC ? HookTable.VOLATILE_READ : HookTable.VOLATILE_WRITE));
                if (insn.getOpcode() == Opcodes.GETSTATIC) {
                    instructions.insert(insn, l);
                } else {
                    instructions.insertBefore(insn, l);
                }
                return;
            case Opcodes.GETFIELD:
                // [owner] -> DUP, GETFIELD -> [owner, value] -> [value, owner] -> hook -> [value]
                instructions.insertBefore(insn, new InsnNode(Opcodes.DUP));
                if (wide) {
                    l.add(new InsnNode(Opcodes.DUP2_X1));
                    l.add(new InsnNode(Opcodes.POP2));
                } else {
                    l.add(new InsnNode(Opcodes.SWAP));
                }
                l.add(push(site));
                l.add(hook(HookTable.VOLATILE_READ));
                instructions.insert(insn, l);
                return;
            case Opcodes.PUTFIELD:
                // [owner, value] -> [owner, value, owner] -> hook -> [owner, value] -> PUTFIELD
                if (wide) {
                    l.add(new InsnNode(Opcodes.DUP2_X1));
                    l.add(new InsnNode(Opcodes.POP2));
                    l.add(new InsnNode(Opcodes.DUP_X2));
                } else {
                    l.add(new InsnNode(Opcodes.DUP2));
                    l.add(new InsnNode(Opcodes.POP));
                }
                l.add(push(site));
                l.add(hook(HookTable.VOLATILE_WRITE));
                instructions.insertBefore(insn, l);
                return;
            default:
        }
    }

    private void call(MethodInsnNode insn, boolean constructor) {
        String sig = insn.name + insn.desc;
        if (LOCKS.contains(insn.owner)) {
            lockCall(insn, sig);
        } else if (READ_WRITE_LOCKS.contains(insn.owner)
                && (insn.name.equals("readLock") || insn.name.equals("writeLock")) && insn.desc.startsWith("()")) {
            instructions.insertBefore(insn, new InsnNode(Opcodes.DUP));
            InsnList after = new InsnList();
            after.add(new InsnNode(insn.name.equals("readLock") ? Opcodes.ICONST_1 : Opcodes.ICONST_2));
            after.add(hook(HookTable.LOCK_HALF));
            after.add(new TypeInsnNode(Opcodes.CHECKCAST, Type.getReturnType(insn.desc).getInternalName()));
            instructions.insert(insn, after);
        } else if (insn.owner.equals(SB) && insn.getOpcode() == Opcodes.INVOKEVIRTUAL) {
            builderCall(insn);
        } else if (insn.owner.equals(LHM) && insn.getOpcode() == Opcodes.INVOKESPECIAL
                && sig.equals("<init>(IFZ)V")) {
            accessOrderedMap(insn, constructor);
        }
    }

    private void lockCall(MethodInsnNode insn, String sig) {
        switch (sig) {
            case "lock()V":
            case "lockInterruptibly()V": {
                instructions.insertBefore(insn, new InsnNode(Opcodes.DUP));
                instructions.insert(insn, lockHook(3));
                return;
            }
            case "unlock()V": {
                InsnList before = new InsnList();
                before.add(new InsnNode(Opcodes.DUP));
                before.add(lockHook(4));
                instructions.insertBefore(insn, before);
                return;
            }
            case "tryLock()Z": {
                instructions.insertBefore(insn, new InsnNode(Opcodes.DUP));
                InsnList after = new InsnList();
                after.add(new InsnNode(Opcodes.SWAP));
                after.add(hook(HookTable.LOCK_TRIED));
                instructions.insert(insn, after);
                return;
            }
            default:
        }
    }

    private void builderCall(MethodInsnNode insn) {
        String sig = insn.name + insn.desc;
        boolean returnsThis = SB_WRITES_RETURNING_THIS.contains(insn.name) && insn.desc.endsWith(")Ljava/lang/StringBuilder;");
        boolean oneIntArg = sig.equals("setLength(I)V") || sig.equals("charAt(I)C");
        boolean noArg = sig.equals("toString()Ljava/lang/String;") || sig.equals("length()I");
        if (!returnsThis && !oneIntArg && !noArg || freshReceiver(insn)) {
            return;
        }
        int site = owner.site(name, line, null, false, "java.lang.StringBuilder", 0);
        if (returnsThis) {
            InsnList after = new InsnList();
            after.add(push(site));
            after.add(new InsnNode(Opcodes.ICONST_2));
            after.add(hook(HookTable.MUTATION_USED));
            after.add(new TypeInsnNode(Opcodes.CHECKCAST, SB));
            instructions.insert(insn, after);
            return;
        }
        InsnList before = new InsnList();
        if (oneIntArg) {
            before.add(new InsnNode(Opcodes.SWAP)); // [sb, i] -> [i, sb] -> [sb, i, sb]
            before.add(new InsnNode(Opcodes.DUP_X1));
        } else {
            before.add(new InsnNode(Opcodes.DUP));
        }
        before.add(push(site));
        before.add(new InsnNode(insn.name.equals("setLength") ? Opcodes.ICONST_2 : Opcodes.ICONST_0));
        before.add(hook(HookTable.MUTATION_USE));
        instructions.insertBefore(insn, before);
    }

    /**
     * {@code new LinkedHashMap(n, f, order)} or {@code super(n, f, order)} (an anonymous subclass passes
     * its own parameters): the argument is noted on the way in, and the map reported after the call
     * when it was true.
     */
    private void accessOrderedMap(MethodInsnNode insn, boolean constructor) {
        Frame<SourceValue> f = frame(insn);
        if (f == null) {
            return;
        }
        SourceValue receiver = f.getStack(f.getStackSize() - 4);
        InsnList after = new InsnList();
        if (constructor && allLoadThis(receiver)) {
            after.add(new VarInsnNode(Opcodes.ALOAD, 0));
        } else if (f.getStackSize() >= 5 && sameNew(receiver, f.getStack(f.getStackSize() - 5))) {
            after.add(new InsnNode(Opcodes.DUP)); // javac's NEW, DUP: the second copy is left after the call
        } else {
            return;
        }
        after.add(hook(HookTable.MAP_CONSTRUCTED));
        instructions.insert(insn, after);
        instructions.insertBefore(insn, hook(HookTable.ACCESS_ORDER_ARGUMENT));
    }

    private static boolean allLoadThis(SourceValue v) {
        for (AbstractInsnNode s : v.insns) {
            if (s.getOpcode() != Opcodes.ALOAD || ((VarInsnNode) s).var != 0) {
                return false;
            }
        }
        return !v.insns.isEmpty();
    }

    /** The receiver is the copy {@code DUP} made of a {@code NEW}, and the value below it is the other copy. */
    private static boolean sameNew(SourceValue top, SourceValue below) {
        if (top.insns.size() != 1 || below.insns.size() != 1) {
            return false;
        }
        AbstractInsnNode dup = top.insns.iterator().next();
        AbstractInsnNode other = below.insns.iterator().next();
        // ASM's frames give both copies the DUP as their source (older versions: the NEW to the first)
        return dup.getOpcode() == Opcodes.DUP && (other == dup || other.getOpcode() == Opcodes.NEW)
                && dup.getPrevious() != null && dup.getPrevious().getOpcode() == Opcodes.NEW;
    }

    /** True when every value that can be the receiver of {@code insn} is a builder this method made. */
    private boolean freshReceiver(MethodInsnNode insn) {
        Frame<SourceValue> f = frame(insn);
        if (f == null) {
            return false;
        }
        int args = Type.getArgumentTypes(insn.desc).length;
        return fresh(f.getStack(f.getStackSize() - 1 - args), new HashSet<>());
    }

    private boolean fresh(SourceValue v, Set<AbstractInsnNode> seen) {
        if (v.insns.isEmpty()) {
            return false; // a parameter (or this)
        }
        for (AbstractInsnNode s : v.insns) {
            if (!fresh(s, seen)) {
                return false;
            }
        }
        return true;
    }

    private boolean fresh(AbstractInsnNode s, Set<AbstractInsnNode> seen) {
        if (!seen.add(s)) {
            return true; // a loop back to a value already being proved: decided by the other paths
        }
        Frame<SourceValue> f = frame(s);
        if (f == null) {
            return false;
        }
        switch (s.getOpcode()) {
            case Opcodes.NEW:
                return ((TypeInsnNode) s).desc.equals(SB);
            case Opcodes.DUP:
            case Opcodes.ASTORE:
            case Opcodes.CHECKCAST:
                return fresh(f.getStack(f.getStackSize() - 1), seen);
            case Opcodes.ALOAD:
                return fresh(f.getLocal(((VarInsnNode) s).var), seen);
            case Opcodes.INVOKEVIRTUAL: {
                MethodInsnNode m = (MethodInsnNode) s;
                if (m.owner.equals(SB) && SB_WRITES_RETURNING_THIS.contains(m.name)) {
                    return fresh(f.getStack(f.getStackSize() - 1 - Type.getArgumentTypes(m.desc).length), seen);
                }
                return false;
            }
            default:
                return false;
        }
    }

    /** Runs ASM's source analysis when a builder call or a map construction needs it. */
    private void analyseIfNeeded() {
        boolean needed = false;
        for (AbstractInsnNode insn = instructions.getFirst(); insn != null && !needed; insn = insn.getNext()) {
            needed = insn instanceof MethodInsnNode
                    && (((MethodInsnNode) insn).owner.equals(SB) || ((MethodInsnNode) insn).owner.equals(LHM));
        }
        if (!needed) {
            return;
        }
        try {
            Frame<SourceValue>[] all = new Analyzer<>(new SourceInterpreter()).analyze(owner.className(), this);
            AbstractInsnNode[] insns = instructions.toArray();
            for (int i = 0; i < insns.length && i < all.length; i++) {
                if (all[i] != null) {
                    frames.put(insns[i], all[i]);
                }
            }
        } catch (AnalyzerException | RuntimeException e) {
            frames.clear(); // no proof of freshness: every builder call is hooked
        }
    }

    private Frame<SourceValue> frame(AbstractInsnNode insn) {
        return frames.get(insn);
    }

    private static MethodInsnNode hook(HookTable row) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, row.owner, row.name, row.descriptor, false);
    }

    private static AbstractInsnNode push(int value) {
        if (value <= Short.MAX_VALUE) {
            return new IntInsnNode(value <= Byte.MAX_VALUE ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }
}
