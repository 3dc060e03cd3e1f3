package dev.crosstalk.agent.state;

/**
 * One instrumented instruction: where in the application's code a shared state is read or written.
 * Sites are created at class-load time and live as long as the agent (their number is bounded by the
 * size of the instrumented code).
 */
public final class Site {
    private final int id;
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int line;
    private final StaticField field;
    private final boolean readModifyWrite;
    private final String member;
    private final int method;
    /** The identity hash of the object this site last set a flag of, or 0 (see {@link #setsFlagOnce}). */
    private volatile int flagOwner;
    /** This site set the flag of one object a second time: the flag is reset between uses. */
    private volatile boolean flagReset;
    /** The webapp of the class holding this site (see {@code Webapps}), or null for a plain application's. */
    private final String webapp;
    private volatile String[] sampleStack;
    /** The container this site last operated on and its field: most sites always touch the same one. */
    private volatile Binding binding;

    /** A container and the static field it belongs to, weakly. */
    public static final class Binding {
        final java.lang.ref.WeakReference<Object> container;
        final StaticField field;

        Binding(Object container, StaticField field) {
            this.container = new java.lang.ref.WeakReference<>(container);
            this.field = field;
        }
    }

    /** The field of {@code container} if this site saw it last, else null (look it up, then {@link #bind}). */
    public StaticField boundField(Object container) {
        Binding b = binding;
        return b != null && b.container.get() == container ? b.field : null;
    }

    /** Remembers that {@code container} belongs to {@code field}, for {@link #boundField}. */
    public void bind(Object container, StaticField field) {
        binding = new Binding(container, field);
    }

    /** A site with no webapp (a plain application's). */
    public Site(int id, String className, String methodName, String fileName, int line, StaticField field,
            boolean readModifyWrite, String member, int method) {
        this(id, className, methodName, fileName, line, field, readModifyWrite, member, method, null);
    }

    /** A site in a class of {@code webapp} (see {@code Webapps}), or of a plain application for null. */
    public Site(int id, String className, String methodName, String fileName, int line, StaticField field,
            boolean readModifyWrite, String member, int method, String webapp) {
        this.id = id;
        this.webapp = webapp;
        // Interned: the MDC's detector compares it on every put and get, and equal names of different
        // sites are then one object, equal at the first comparison.
        this.member = member == null ? null : member.intern();
        this.method = method;
        this.readModifyWrite = readModifyWrite;
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.line = line;
        this.field = field;
    }

    /** The site's id, as the instrumented code passes it. */
    public int id() {
        return id;
    }

    /** The static field this site accesses, or null for a container operation. */
    public StaticField field() {
        return field;
    }

    /** The instance field this site accesses ({@code title}), or null. */
    public String member() {
        return member;
    }

    /** The id of the method containing this site (see {@link SiteTable#registerMethod}), or 0. */
    public int method() {
        return method;
    }

    /** A write whose method read the same field first ({@code count++}, {@code total += x}). */
    public boolean readModifyWrite() {
        return readModifyWrite;
    }

    /** {@code com.acme.PatternRemixer.remix(PatternRemixer.java:42)}. */
    /** Whether {@code other} is in the same method (same class and name; overloads are not told apart). */
    public boolean sameMethod(Site other) {
        return className.equals(other.className) && methodName.equals(other.methodName);
    }

    /**
     * Whether this site's method is still running on the current thread (has a frame among the top
     * {@value #MAX_FRAMES}): asked rarely, since walking the stack costs microseconds.
     */
    public boolean methodRunning() {
        return StackWalker.getInstance().walk(frames -> frames.limit(MAX_FRAMES)
                .anyMatch(f -> methodName.equals(f.getMethodName()) && className.equals(f.getClassName())));
    }

    private static final int MAX_FRAMES = 128;

    /**
     * Whether this site, which just set a flag of {@code owner} ({@code loaded = true}), has only ever
     * set it once per object. A one-time guard goes from false to true once in its object's life (a
     * singleton's tables are loaded once); a flag set again on the same object was reset in between,
     * so it marks one use of a recycled object (Tomcat's {@code Parameters.didQueryParameters}, cleared
     * by {@code recycle()} after every request), and from then on the site is no guard. Objects are
     * told apart by identity hash: no reference is kept.
     */
    public boolean setsFlagOnce(Object owner) {
        if (flagReset) {
            return false;
        }
        int hash = System.identityHashCode(owner);
        if (hash == flagOwner) {
            flagReset = true;
            return false;
        }
        flagOwner = hash;
        return true;
    }

    /** Where the site is, as a stack frame shows it: {@code com.acme.Cache.put(Cache.java:42)}. */
    public String location() {
        String file = fileName == null ? "Unknown Source" : line > 0 ? fileName + ":" + line : fileName;
        return className + "." + methodName + "(" + file + ")";
    }

    /**
     * Class, method and line: what the fingerprint takes from a site (stable across restarts). A
     * webapp's site adds its webapp, so that the same WAR under two context paths gives two
     * fingerprints while a plain application's stay what they always were.
     */
    public String fingerprintPart() {
        String part = className + "." + methodName + ":" + line;
        return webapp == null ? part : part + "@" + webapp;
    }

    /** The webapp of the class holding this site ({@code shop}), or null for a plain application's. */
    public String webapp() {
        return webapp;
    }

    /** A stack seen at this site inside a request, kept once as the site's example. */
    public String[] sampleStack() {
        return sampleStack;
    }

    /** Keeps {@code stack} as the site's example, unless it has one already. */
    public void sampleStack(String[] stack) {
        if (sampleStack == null) {
            sampleStack = stack;
        }
    }
}
