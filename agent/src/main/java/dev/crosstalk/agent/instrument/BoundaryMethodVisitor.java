package dev.crosstalk.agent.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves one {@link BoundaryAdvice} into one method. The token lives in the slot just past the
 * method's own locals ({@code tokenSlot}, its original {@code max_locals}), so no original local moves;
 * every stack map frame (read expanded) is widened to hold it, and the handler that covers the whole
 * body for a thrown exit names only the token, so it holds whatever the body does with its locals.
 */
final class BoundaryMethodVisitor extends MethodVisitor {
    private static final String OBJECT = "java/lang/Object";

    private final BoundaryAdvice advice;
    private final BoundaryAdvice.Site site;
    private final int tokenSlot;
    private final boolean frames;
    private final boolean constructor;
    private Label start;

    /**
     * @param tokenSlot the method's original {@code max_locals}
     * @param frames whether the class has stack map frames (class file version 50 and later)
     */
    BoundaryMethodVisitor(MethodVisitor next, BoundaryAdvice advice, BoundaryAdvice.Site site, int tokenSlot,
            boolean frames, boolean constructor) {
        super(Opcodes.ASM9, next);
        this.advice = advice;
        this.site = site;
        this.tokenSlot = tokenSlot;
        this.frames = frames;
        this.constructor = constructor;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (constructor) {
            return; // constructor advice runs at the returns only, once the object is made
        }
        advice.enter(mv, site);
        if (advice.token) {
            super.visitVarInsn(Opcodes.ASTORE, tokenSlot);
        }
        if (advice.onThrow) {
            start = new Label();
            super.visitLabel(start);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN && (advice.token || constructor)) {
            advice.exit(mv, tokenSlot, opcode);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (!advice.token || type != Opcodes.F_NEW) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        int pad = Math.max(0, tokenSlot - slots);
        Object[] widened = new Object[numLocal + pad + 1];
        System.arraycopy(local, 0, widened, 0, numLocal);
        for (int i = 0; i < pad; i++) {
            widened[numLocal + i] = Opcodes.TOP;
        }
        widened[widened.length - 1] = OBJECT;
        super.visitFrame(Opcodes.F_NEW, widened.length, widened, numStack, stack);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (start != null) {
            Label handler = new Label();
            super.visitLabel(handler);
            if (frames) {
                Object[] locals = new Object[tokenSlot + 1];
                java.util.Arrays.fill(locals, Opcodes.TOP);
                locals[tokenSlot] = OBJECT;
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            }
            advice.exit(mv, tokenSlot, Opcodes.ATHROW);
            super.visitInsn(Opcodes.ATHROW);
            // Registered last, so that the method's own handlers, listed before it, are tried first.
            super.visitTryCatchBlock(start, handler, handler, null);
        }
        super.visitMaxs(maxStack, maxLocals);
    }
}
