package dev.crosstalk.agent.state;

import java.util.Arrays;

/**
 * All sites, indexed by id. Instrumented code passes the id as an int constant; lookups are one
 * array read, registration (class-load time only) copies under a lock.
 *
 * <p>Capped: an application that generates a class per request would otherwise grow it forever.
 * Once full, {@link #register} answers 0, which is never a site: the transformer then leaves the
 * class it was instrumenting unchanged, and hooks treat 0 as "no site".
 */
public final class SiteTable {
    /** Default cap: about 50 MB of sites, far more than the application code of a large server. */
    public static final int DEFAULT_MAX = 1_000_000;

    private volatile Site[] sites = new Site[1024];
    private int next = 1; // 0 stays unused so that an uninitialised id can never match
    private final int max;

    /** A table of at most {@link #DEFAULT_MAX} sites. */
    public SiteTable() {
        this(DEFAULT_MAX);
    }

    /** A table of at most {@code max} sites (methods registered with {@link #registerMethod} included). */
    public SiteTable(int max) {
        this.max = max;
    }

    /**
     * Registers a site for a static field access ({@code field} non-null) or a container call;
     * {@code readModifyWrite} marks a field write whose method reads the field first.
     */
    public int register(String className, String methodName, String fileName, int line,
            StaticField field, boolean readModifyWrite) {
        return register(className, methodName, fileName, line, field, readModifyWrite, null, 0);
    }

    /**
     * Registers a site, with the instance field it accesses ({@code member}, or null) and the id of
     * its method ({@code method}, from {@link #registerMethod}, or 0). Answers 0 when the table is full.
     */
    public int register(String className, String methodName, String fileName, int line,
            StaticField field, boolean readModifyWrite, String member, int method) {
        return register(className, methodName, fileName, line, field, readModifyWrite, member, method, null);
    }

    /** {@link #register(String, String, String, int, StaticField, boolean, String, int)} in a class of {@code webapp}. */
    public synchronized int register(String className, String methodName, String fileName, int line,
            StaticField field, boolean readModifyWrite, String member, int method, String webapp) {
        if (next > max) {
            return 0;
        }
        int id = next++;
        Site[] current = sites;
        if (id >= current.length) {
            current = Arrays.copyOf(current, (int) Math.min((long) current.length * 2, (long) max + 1));
        }
        current[id] = new Site(id, className, methodName, fileName, line, field, readModifyWrite, member, method,
                webapp);
        sites = current;
        return id;
    }

    /** An id for a method that can publish shared state: its exits close publication windows; 0 when full. */
    public int registerMethod(String className, String methodName, String fileName) {
        return registerMethod(className, methodName, fileName, null);
    }

    /** {@link #registerMethod(String, String, String)} in a class of {@code webapp}. */
    public int registerMethod(String className, String methodName, String fileName, String webapp) {
        return register(className, methodName, fileName, 0, null, false, null, 0, webapp);
    }

    /** The site with id {@code id}, or null for 0 (a full table's answer) and unknown ids. */
    public Site get(int id) {
        Site[] current = sites;
        return id > 0 && id < current.length ? current[id] : null;
    }

    /** How many sites are registered. */
    public synchronized int size() {
        return next - 1;
    }

    /** No further site fits: classes loaded from now on are left uninstrumented. */
    public synchronized boolean full() {
        return next > max;
    }
}
