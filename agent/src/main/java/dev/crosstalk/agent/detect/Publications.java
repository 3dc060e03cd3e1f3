package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.VirtualThreads;
import dev.crosstalk.agent.state.Site;
import dev.crosstalk.agent.state.RequestContext;
import dev.crosstalk.agent.state.ReferenceFields;
import dev.crosstalk.agent.state.RequestInfo;
import dev.crosstalk.agent.state.Values;
import dev.crosstalk.agent.detect.FlowJudge;
import dev.crosstalk.agent.detect.PublicationJudge;
import dev.crosstalk.agent.finding.Evidence;
import dev.crosstalk.agent.finding.Finding;
import dev.crosstalk.agent.finding.FindingRegistry;
import dev.crosstalk.agent.finding.FindingType;
import dev.crosstalk.agent.finding.Fingerprint;
import dev.crosstalk.bootstrap.Gates;
import dev.crosstalk.bootstrap.Hooks;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publication windows: from the moment an object is stored into shared state until the method that
 * stored it returns. Fills by the publishing thread inside the window make a
 * {@code publish-then-populate}; a read by another thread of a key or field that was filled only
 * later in the window makes a {@code partial-init-read}.
 *
 * <p>Windows are few and short. While none is open, the hooks that feed this class return after one
 * volatile read ({@link Hooks#windows(int)}).
 */
public final class Publications {
    /** How many windows are open at most. */
    public static final int MAX_OPEN = 64;
    /** How many fills one window keeps at most. */
    public static final int MAX_FILLS = 32;
    /** How many early reads one window keeps at most. */
    public static final int MAX_READS = 16;
    /** How many container fields of a published object its window watches at most. */
    public static final int MAX_MEMBERS = 16;
    /** A window left open longer than this is dropped unjudged. */
    public static final long MAX_AGE_NANOS = 30_000_000_000L;


    private final FindingRegistry findings;
    private volatile Window[] open = new Window[0];
    /** Per publishing site: seen outside requests, and the first request seen running it. */
    private final Map<Integer, PublishingSite> contexts = new ConcurrentHashMap<>();

    /** A publication detector recording into {@code findings}. */
    public Publications(FindingRegistry findings) {
        this.findings = findings;
    }

    /** A published object and what happened to it while its window was open. */
    public static final class Window {
        final WeakReference<Object> object;
        final WeakReference<?>[] members;
        final WeakReference<Thread> publisher;
        final String state;
        final Site site;
        final RequestInfo request;
        final String thread;
        final boolean container;
        /** A guard window: a flag said "ready"; every shared state the thread fills next is a fill. */
        final boolean guard;
        /**
         * For a flag in an instance field, the object that holds it: null for a static flag. Such a window
         * is judged only once another thread read the flag of that very object while it was open.
         */
        WeakReference<Object> flagOwner;
        /**
         * How many fills the window had when another thread first read the flag of {@link #flagOwner}:
         * a read before the last fill saw "ready" too early; one after it (a reader that waited for the
         * publisher's lock) saw the state complete.
         */
        int flagReadAtFill = Integer.MAX_VALUE;
        /**
         * A map entry under a key only the publisher can name ({@link EntryKeys}), or in a container held by
         * a start-up object no other thread has reached yet: its fills are building
         * an entry nobody can look up yet, not a finding by themselves; a reader that got there early is.
         */
        boolean privateKey;
        final List<WindowFill> fills = new ArrayList<>();
        final List<EarlyRead> reads = new ArrayList<>();
        final long opened = System.nanoTime();
        /**
         * Whether the publisher held a lock, asked at its first fill: {@link #LOCKS_UNKNOWN} until then.
         * Asking costs a safepoint, and most published objects are never filled afterwards.
         */
        volatile byte locks = LOCKS_UNKNOWN;

        Window(Object object, boolean container, WeakReference<?>[] members, String state, Site site,
                RequestInfo request) {
            this(object, container, false, members, state, site, request);
        }

        Window(Object object, boolean container, boolean guard, WeakReference<?>[] members, String state, Site site,
                RequestInfo request) {
            this.object = new WeakReference<>(object);
            this.container = container;
            this.guard = guard;
            this.members = members;
            this.publisher = new WeakReference<>(Thread.currentThread());
            this.state = state;
            this.site = site;
            this.request = request;
            this.thread = VirtualThreads.currentName();
        }

        boolean holds(Object o) {
            if (guard || o == GUARDED) {
                return guard && o == GUARDED;
            }
            if (o == object.get()) {
                return true;
            }
            for (WeakReference<?> m : members) {
                if (m.get() == o) {
                    return true;
                }
            }
            return false;
        }

        boolean mine() {
            return publisher.get() == Thread.currentThread();
        }

        synchronized boolean filled(String what) {
            for (WindowFill f : fills) {
                if (f.what.equals(what)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether a fill site runs under a lock, asked once per site. */
    private final LockedSites locked = new LockedSites();

    private static final byte LOCKS_UNKNOWN = 0;
    private static final byte LOCKS_HELD = 1;
    private static final byte LOCKS_FREE = 2;

    /**
     * Opens a window on {@code object}, just stored into {@code state} at {@code site}. A window whose
     * publisher holds a lock when it fills the object is dropped: readers are expected to take the lock
     * too (the {@code cflock} fix), and the filling is invisible to them. The lock is asked about at the
     * first fill rather than here because asking stops the JVM at a safepoint.
     */
    public void open(Object object, boolean container, String state, Site site, RequestContext request) {
        open(object, container, state, site, request, false);
    }

    /**
     * Opens a window on {@code object}, just stored into a map under a key: {@code privateKey} when no
     * thread but the publisher can name that key ({@link EntryKeys#nameableByOthers}) or reach the map.
     */
    public void openEntry(Object object, boolean container, String state, Site site, RequestContext request,
            boolean privateKey) {
        open(object, container, state, site, request, privateKey);
    }

    private void open(Object object, boolean container, String state, Site site, RequestContext request,
            boolean privateKey) {
        WeakReference<?>[] members = container ? new WeakReference<?>[0] : containerFields(object);
        if (container) {
            Gates.admit(object);
        }
        Window w = new Window(object, container, members, state, site, request == null ? null : request.info());
        w.privateKey = privateKey;
        add(w, object);
    }

    /**
     * What {@link #write} and {@link #read} are given for shared state under a guard: the state itself
     * is named in {@code what} ({@code com.acme.Rates.RATES[EUR]}).
     */
    public static final Object GUARDED = new Object();

    /**
     * Opens a guard window: the flag {@code state} (a boolean set true, a non-null sentinel) was just
     * written at {@code site}. Whatever shared state this thread fills before the method returns was
     * filled after the flag said it was ready. Opened under locks too: a guard flag is there to be read
     * without the lock (double-checked locking).
     */
    public void openGuard(String state, Site site, RequestContext request) {
        Object token = new Object();
        add(new Window(token, false, true, new WeakReference<?>[0], state, site,
                request == null ? null : request.info()), token);
    }

    /**
     * Opens a guard window on a flag held in an instance field of {@code owner}, checked and then set
     * ({@code if (!loaded) { loaded = true; … }}). Objects made outside requests include servers'
     * recycled per-request objects (Tomcat's {@code Parameters.didQueryParameters}, checked, set, then
     * its map filled) that only one request uses at a time: the flag is a guard between threads only
     * when another thread reads it on the same object while it is up ({@link #flagRead}). A singleton's
     * first requests do; a per-request object's never do. A read after the last fill (a reader that
     * waited for the publisher's lock) found the state complete and does not count.
     */
    public void openInstanceGuard(Object owner, String state, Site site, RequestContext request) {
        Object token = new Object();
        Window w = new Window(token, false, true, new WeakReference<?>[0], state, site,
                request == null ? null : request.info());
        w.flagOwner = new WeakReference<>(owner);
        add(w, token);
    }

    /** A thread read the instance field at {@code site} of {@code owner}: a flag another thread has up? */
    public void flagRead(Object owner, Site site) {
        for (Window w : open) {
            if (w.flagOwner != null && w.site.field() == site.field() && w.flagOwner.get() == owner && !w.mine()) {
                synchronized (w) {
                    w.flagReadAtFill = Math.min(w.flagReadAtFill, w.fills.size());
                }
            }
        }
    }

    private void add(Window w, Object object) {
        synchronized (this) {
            List<Window> next = new ArrayList<>(open.length + 1);
            long now = System.nanoTime();
            for (Window o : open) {
                if (o.object.get() != object && now - o.opened < MAX_AGE_NANOS) {
                    next.add(o);
                }
            }
            if (next.size() >= MAX_OPEN) {
                return;
            }
            next.add(w);
            publish(next);
        }
    }

    private void publish(List<Window> next) {
        open = next.toArray(new Window[0]);
        Gates.windows(open.length);
    }

    /** The publishing thread wrote into a published object: a fill. */
    public void write(Object target, String what, Site site) {
        write(target, what, site, false);
    }

    /**
     * A fill; {@code cacheFill} when it added a missing key to a {@code ConcurrentMap}, atomically
     * ({@code computeIfAbsent}, {@code putIfAbsent}): readers that do the same compute a missing entry
     * themselves, so such fills alone are a cache warming up, not a half-built object. A reader whose
     * plain {@code get} missed one is still a partial-init read.
     */
    public void write(Object target, String what, Site site, boolean cacheFill) {
        for (Window w : open) {
            if (w.mine() && w.holds(target)) {
                if (!w.guard && w.locks == LOCKS_UNKNOWN) {
                    w.locks = locked.underLock(site) ? LOCKS_HELD : LOCKS_FREE;
                }
                if (w.locks == LOCKS_HELD) {
                    return;
                }
                synchronized (w) {
                    if (w.fills.size() < MAX_FILLS) {
                        w.fills.add(new WindowFill(what, site.location(), cacheFill));
                    }
                }
                return;
            }
        }
    }

    /**
     * Another thread read {@code what} of a published object; {@code missing} when the read found
     * nothing there (a null value, an absent key), or null when the caller cannot tell (a field: it
     * is missing if not filled yet).
     */
    public void read(Object target, String what, Boolean missing, Site site, RequestContext request) {
        for (Window w : open) {
            if (!w.mine() && w.locks != LOCKS_HELD && w.holds(target)) {
                boolean absent = missing != null ? missing : !w.filled(what);
                if (!absent) {
                    return;
                }
                synchronized (w) {
                    if (w.reads.size() < MAX_READS) {
                        w.reads.add(new EarlyRead(what, EvidenceOf.now(request, site), site, w.fills.size(),
                            missing != null));
                    }
                }
                if (target != GUARDED) {
                    return; // one window per published object; guarded state may be under several flags at once
                }
            }
        }
    }

    /** True while some window is open: until then the hooks skip the window checks. */
    public boolean anyOpen() {
        return open.length > 0;
    }

    /** True when a window is open on {@code target}: its fills and early reads are judged here, not as races. */
    public boolean covers(Object target) {
        for (Window w : open) {
            if (w.locks != LOCKS_HELD && w.holds(target)) {
                return true;
            }
        }
        return false;
    }

    /** The method {@code method} returned on this thread: its windows close. */
    public void methodExit(int method) {
        if (method == 0) {
            return; // "no method": never closes the windows of sites that have none
        }
        closeWhere(w -> w.mine() && w.site.method() == method);
    }

    /** This thread's request ended: whatever it still had open closes. */
    public void requestEnded() {
        closeWhere(Window::mine);
    }

    private void closeWhere(java.util.function.Predicate<Window> which) {
        List<Window> closing = new ArrayList<>();
        synchronized (this) {
            List<Window> keep = new ArrayList<>();
            for (Window w : open) {
                (which.test(w) ? closing : keep).add(w);
            }
            if (closing.isEmpty()) {
                return;
            }
            publish(keep);
        }
        for (Window w : closing) {
            judge(w);
        }
    }

    private void judge(Window w) {
        if (w.locks == LOCKS_HELD) {
            return;
        }
        List<WindowFill> fills;
        List<EarlyRead> reads;
        synchronized (w) {
            fills = new ArrayList<>(w.fills);
            reads = new ArrayList<>(w.reads);
        }
        PublishingSite seen = contexts.computeIfAbsent(w.site.id(), k -> new PublishingSite());
        seen.ranIn(w.request);
        if (fills.isEmpty()) {
            return; // build-then-publish: complete when stored
        }
        int flagReadAt;
        synchronized (w) {
            flagReadAt = w.flagReadAtFill;
        }
        if (w.flagOwner != null && flagReadAt >= fills.size()) {
            return; // no other thread looked at this object's flag before it was true: it guarded nothing then
        }
        Evidence publisher = publisher(w);
        Object published = w.container || w.guard ? null : w.object.get();
        List<WindowFill> populating = new ArrayList<>();
        for (WindowFill f : fills) {
            if (!f.cacheFill && (published == null || !isVolatileField(published.getClass(), f.what))) {
                populating.add(f);
            }
        }
        if (!populating.isEmpty() && !w.privateKey) {
            populated(w, publisher, populating, seen);
        }
        for (EarlyRead r : reads) {
            for (int i = r.fillsBefore; i < fills.size(); i++) {
                if (fills.get(i).what.equals(r.what)) {
                    partialRead(w, publisher, r.what, r.key, fills.get(i).location, r.reader, r.site);
                    break;
                }
            }
        }
    }

    private void populated(Window w, Evidence publisher, List<WindowFill> fills, PublishingSite seen) {
        List<String> what = new ArrayList<>();
        for (WindowFill f : fills) {
            what.add(f.what);
        }
        FlowJudge.Verdict v = w.guard
                ? PublicationJudge.guardSetFirst(w.state, w.site.location(), what,
                        w.request == null ? null : w.request.toString(), seen.startup(), seen.firstRequest())
                : PublicationJudge.publishThenPopulate(w.state, w.container, w.site.location(), what,
                        w.request == null ? null : w.request.toString(), seen.startup(), seen.firstRequest());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("publishedAt", w.site.location());
        List<String> fillsAt = new ArrayList<>();
        for (WindowFill f : fills) {
            fillsAt.add(f.what + " at " + f.location);
        }
        details.put("fillsAfterPublication", fillsAt);
        String fp = Fingerprint.of(FindingType.PUBLISH_THEN_POPULATE, w.state, w.site.fingerprintPart());
        Recording.recordOrRaise(findings, FindingType.PUBLISH_THEN_POPULATE, v, w.state, fp, () -> publisher,
                () -> null, details);
    }

    private void partialRead(Window w, Evidence publisher, String missing, boolean key, String filledAt,
            Evidence reader, Site readerSite) {
        String state = w.guard ? missing : w.state + (key ? "[" + missing + "]" : "." + missing);
        FlowJudge.Verdict v = PublicationJudge.partialInitRead(w.state, missing, reader.label() + " (request "
                + reader.requestId() + ")", publisher.label() + (publisher.requestId() > 0 ? " (request "
                + publisher.requestId() + ")" : ""), w.site.location(), filledAt);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("missing", missing);
        details.put("publishedAt", w.site.location());
        details.put("filledAt", filledAt);
        String fp = Fingerprint.of(FindingType.PARTIAL_INIT_READ, w.state, w.site.fingerprintPart(),
                readerSite.fingerprintPart());
        Recording.record(findings, FindingType.PARTIAL_INIT_READ, v, state, fp, () -> publisher, () -> reader,
                details);
    }

    private static Evidence publisher(Window w) {
        return EvidenceOf.earlier(w.request, "(initialisation)", w.thread, w.site);
    }

    /**
     * Whether {@code name} is a volatile field of {@code type} (or a superclass). A volatile field is
     * declared for readers on other threads and is written whole: they see nothing or the complete
     * value, and are written to expect nothing (Spring's listener retrievers). Filling one after
     * publication is not a half-built object; a reader that did miss it is still a partial-init read.
     */
    private static boolean isVolatileField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return Modifier.isVolatile(f.getModifiers());
                }
            }
        }
        return false;
    }

    /** The containers held in the instance fields of a published struct: filling them fills it. */
    private static WeakReference<?>[] containerFields(Object struct) {
        List<WeakReference<?>> out = new ArrayList<>();
        for (Field f : ReferenceFields.of(struct.getClass())) {
            if (out.size() >= MAX_MEMBERS) {
                break;
            }
            try {
                Object v = f.get(struct);
                if (Values.isContainer(v)) {
                    Gates.admit(v);
                    out.add(new WeakReference<>(v));
                }
            } catch (RuntimeException | IllegalAccessException e) {
                // a field we may not read (module rules): it cannot be a fill we see either
            }
        }
        return out.isEmpty() ? NO_MEMBERS : out.toArray(new WeakReference<?>[0]);
    }

    private static final WeakReference<?>[] NO_MEMBERS = new WeakReference<?>[0];
}
