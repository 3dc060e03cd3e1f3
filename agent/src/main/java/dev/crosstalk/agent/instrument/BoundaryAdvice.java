package dev.crosstalk.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What a request boundary adds to one method: a call into the bootstrap hooks on entry, whose answer
 * (a token) is kept in a local of its own, and a call with that token on every way out, normal or
 * thrown. The hooks catch everything themselves, so the woven calls need no handler of their own.
 */
enum BoundaryAdvice {
    /** A jakarta servlet's {@code service} or filter's {@code doFilter}. */
    JAKARTA_REQUEST(dev.crosstalk.bootstrap.Hooks.KIND_JAKARTA),
    /** A javax servlet's {@code service} or filter's {@code doFilter}. */
    JAVAX_REQUEST(dev.crosstalk.bootstrap.Hooks.KIND_JAVAX),
    /** The JDK HTTP server's filter chain. */
    JDK_HTTP_REQUEST(dev.crosstalk.bootstrap.Hooks.KIND_JDK_HTTP),
    /** An {@code entry=} method: named by type and method, its arguments handed to the user-data marks. */
    ENTRY_METHOD(true, true),
    /** An executor's submission method: its first argument is replaced by the task carrying the request. */
    WRAP_RUNNABLE(false, false),
    /** As {@link #WRAP_RUNNABLE}, for a {@code Callable}. */
    WRAP_CALLABLE(false, false),
    /** Reactor Netty's observer hearing an exchange change state: the connection and the state. */
    EXCHANGE(true, true),
    /** An inbound event of a connection or a gRPC stream: the receiver. */
    INBOUND(true, true),
    /** gRPC's start of a server call: the full method name on entry, the listener made on return. */
    GRPC_CALL(true, true),
    /** Reactor Netty's client observer's constructor, on a normal return: the observer made. */
    CLIENT_MADE(false, false),
    /** Reactor Netty's client observer hearing a state change: the observer and the connection. */
    CLIENT_STATE(false, false),
    /** A timer task's constructor, on a normal return: the task made. */
    TIMER_MADE(false, false),
    /** A timer task's {@code run}: the task. */
    TIMER_RUN(true, true),
    /** Logback's {@code LoggingEvent} constructor, on a normal return: the event made. */
    LOG_MADE(false, false),
    /** Log4j's context data injector: the injector, on entry. */
    LOG_INJECT(false, false);

    private static final String REQUEST_HOOKS = "dev/crosstalk/bootstrap/RequestHooks";
    private static final String HANDOFFS = "dev/crosstalk/bootstrap/Handoffs";
    private static final String CALL_HOOKS = "dev/crosstalk/bootstrap/CallHooks";
    private static final String MARK_HOOKS = "dev/crosstalk/bootstrap/MarkHooks";

    /** Whether the entry call answers a token that every exit hands back. */
    final boolean token;
    /** Whether a thrown exit is covered too (a handler around the whole body). */
    final boolean onThrow;
    /** The request kind a servlet, filter or JDK HTTP entry reports ({@code Hooks.KIND_*}); 0 for the others. */
    private final int requestKind;

    BoundaryAdvice(boolean token, boolean onThrow) {
        this.token = token;
        this.onThrow = onThrow;
        this.requestKind = 0;
    }

    BoundaryAdvice(int requestKind) {
        this.token = true;
        this.onThrow = true;
        this.requestKind = requestKind;
    }

    /** Whether the advice is an exit of a constructor (the object made), not an entry. */
    boolean constructorExit() {
        return this == TIMER_MADE || this == LOG_MADE || this == CLIENT_MADE;
    }

    /**
     * The entry call; with {@link #token}, it leaves the token on the stack. {@code at} says where the
     * method's arguments are and, for {@link #ENTRY_METHOD}, what it is called.
     */
    void enter(MethodVisitor mv, Site at) {
        switch (this) {
            case JAKARTA_REQUEST:
            case JAVAX_REQUEST:
            case JDK_HTTP_REQUEST:
                mv.visitVarInsn(Opcodes.ALOAD, at.argumentSlot(0));
                push(mv, requestKind);
                mv.visitInsn(Opcodes.ICONST_0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, REQUEST_HOOKS, "requestEnter", "(Ljava/lang/Object;II)Ljava/lang/Object;", false);
                break;
            case ENTRY_METHOD:
                mv.visitLdcInsn(at.entryName);
                push(mv, dev.crosstalk.bootstrap.Hooks.KIND_ENTRY_METHOD);
                mv.visitInsn(Opcodes.ICONST_0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, REQUEST_HOOKS, "requestEnter", "(Ljava/lang/Object;II)Ljava/lang/Object;", false);
                mv.visitLdcInsn(Type.getObjectType(at.owner));
                mv.visitLdcInsn(at.method);
                mv.visitLdcInsn(at.descriptor);
                at.pushArguments(mv);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, MARK_HOOKS, "entryArguments",
                        "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/String;[Ljava/lang/Object;)V", false);
                break;
            case WRAP_RUNNABLE:
            case WRAP_CALLABLE:
                String task = this == WRAP_RUNNABLE ? "java/lang/Runnable" : "java/util/concurrent/Callable";
                mv.visitVarInsn(Opcodes.ALOAD, at.argumentSlot(0));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, REQUEST_HOOKS, "wrap", "(L" + task + ";)L" + task + ";", false);
                mv.visitVarInsn(Opcodes.ASTORE, at.argumentSlot(0));
                break;
            case EXCHANGE:
                mv.visitVarInsn(Opcodes.ALOAD, at.argumentSlot(0));
                mv.visitVarInsn(Opcodes.ALOAD, at.argumentSlot(1));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HANDOFFS, "exchangeState", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false);
                break;
            case INBOUND:
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HANDOFFS, "inbound", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
                break;
            case GRPC_CALL:
                mv.visitVarInsn(Opcodes.ALOAD, at.argumentSlot(0));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HANDOFFS, "callStarting", "(Ljava/lang/String;)Ljava/lang/Object;", false);
                break;
            case CLIENT_STATE:
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitVarInsn(Opcodes.ALOAD, at.argumentSlot(0));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HANDOFFS, "clientState", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                break;
            case TIMER_RUN:
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HANDOFFS, "timerTaskRuns", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
                break;
            case LOG_INJECT:
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CALL_HOOKS, "logEvent", "(Ljava/lang/Object;)V", false);
                break;
            default:
                break; // constructor exits have no entry call
        }
    }

    /**
     * The exit call, before a return instruction {@code opcode} (whose value, if any, is on the stack
     * and stays there) or, with {@code opcode} {@link Opcodes#ATHROW}, before the handler rethrows.
     */
    void exit(MethodVisitor mv, int tokenSlot, int opcode) {
        switch (this) {
            case TIMER_MADE:
            case CLIENT_MADE:
            case LOG_MADE:
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, this == LOG_MADE ? CALL_HOOKS : HANDOFFS,
                        this == TIMER_MADE ? "timerTaskMade" : this == CLIENT_MADE ? "clientMade" : "logEvent",
                        "(Ljava/lang/Object;)V", false);
                return;
            case GRPC_CALL:
                if (opcode == Opcodes.ARETURN) {
                    mv.visitInsn(Opcodes.DUP);
                    mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
                    mv.visitInsn(Opcodes.SWAP);
                } else {
                    mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
                    mv.visitInsn(Opcodes.ACONST_NULL);
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HANDOFFS, "callStartDone", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                return;
            default:
                break;
        }
        if (!token) {
            return;
        }
        mv.visitVarInsn(Opcodes.ALOAD, tokenSlot);
        String owner = requestKind != 0 || this == ENTRY_METHOD ? REQUEST_HOOKS : HANDOFFS;
        String name = requestKind != 0 || this == ENTRY_METHOD ? "requestExit"
                : this == EXCHANGE ? "exchangeSegmentDone" : "taskDone";
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, "(Ljava/lang/Object;)V", false);
    }

    private static void push(MethodVisitor mv, int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        }
    }

    /** The advised method: where its arguments are, and what an entry method is called. */
    static final class Site {
        final String owner;
        final String method;
        final String descriptor;
        final boolean isStatic;
        final String entryName;

        Site(String owner, String method, String descriptor, boolean isStatic) {
            this.owner = owner;
            this.method = method;
            this.descriptor = descriptor;
            this.isStatic = isStatic;
            this.entryName = owner.replace('/', '.') + "#" + method;
        }

        /** The local slot of argument {@code index}. */
        int argumentSlot(int index) {
            int slot = isStatic ? 0 : 1;
            Type[] args = Type.getArgumentTypes(descriptor);
            for (int i = 0; i < index; i++) {
                slot += args[i].getSize();
            }
            return slot;
        }

        /** An {@code Object[]} of the arguments, primitives boxed. */
        void pushArguments(MethodVisitor mv) {
            Type[] args = Type.getArgumentTypes(descriptor);
            push(mv, args.length);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            int slot = isStatic ? 0 : 1;
            for (int i = 0; i < args.length; i++) {
                mv.visitInsn(Opcodes.DUP);
                push(mv, i);
                mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), slot);
                box(mv, args[i]);
                mv.visitInsn(Opcodes.AASTORE);
                slot += args[i].getSize();
            }
        }

        private static void box(MethodVisitor mv, Type t) {
            String boxed;
            switch (t.getSort()) {
                case Type.BOOLEAN: boxed = "java/lang/Boolean"; break;
                case Type.BYTE: boxed = "java/lang/Byte"; break;
                case Type.CHAR: boxed = "java/lang/Character"; break;
                case Type.SHORT: boxed = "java/lang/Short"; break;
                case Type.INT: boxed = "java/lang/Integer"; break;
                case Type.LONG: boxed = "java/lang/Long"; break;
                case Type.FLOAT: boxed = "java/lang/Float"; break;
                case Type.DOUBLE: boxed = "java/lang/Double"; break;
                default: return;
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, boxed, "valueOf", "(" + t.getDescriptor() + ")L" + boxed + ";", false);
        }
    }
}
