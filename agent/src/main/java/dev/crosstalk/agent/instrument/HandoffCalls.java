package dev.crosstalk.agent.instrument;

import dev.crosstalk.bootstrap.HookTable;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Calls in application code that hand a request's work to another thread or a later dispatch, outside
 * the JDK executors: {@code start()} of a thread, {@code AsyncContext.start(Runnable)} and
 * {@code startAsync}. A hook goes in just before the call, which itself stays as it is. Only call sites
 * in application code are seen, so a server or library starting its own threads during a request (an
 * event loop started lazily, a pool growing) never makes them part of that request.
 */
final class HandoffCalls {
    private HandoffCalls() {
    }

    /** Emits into {@code next} the hook that goes before this call, if it is a handoff. */
    static void before(MethodVisitor next, int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("start") && descriptor.equals("()V")) {
            // Any receiver: a subclass of Thread is named by its own class here; the hook checks.
            next.visitInsn(Opcodes.DUP);
            call(next, HookTable.THREAD_STARTING);
            return;
        }
        if (!isServletApi(owner)) {
            return;
        }
        if (name.equals("start") && descriptor.equals("(Ljava/lang/Runnable;)V") && owner.endsWith("/AsyncContext")) {
            call(next, HookTable.WRAP_RUNNABLE);
        } else if (name.equals("startAsync") && descriptor.startsWith("()")) {
            next.visitInsn(Opcodes.DUP);
            call(next, HookTable.ASYNC_STARTED);
        } else if (name.equals("startAsync")) {
            // [receiver, request, response]: the request passed in is the one dispatched later
            next.visitInsn(Opcodes.DUP2);
            next.visitInsn(Opcodes.POP);
            call(next, HookTable.ASYNC_STARTED);
        }
    }

    private static void call(MethodVisitor next, HookTable hook) {
        next.visitMethodInsn(Opcodes.INVOKESTATIC, hook.owner, hook.name, hook.descriptor, false);
    }

    private static boolean isServletApi(String owner) {
        return owner.startsWith("jakarta/servlet/") || owner.startsWith("javax/servlet/");
    }
}
