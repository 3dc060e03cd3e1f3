package dev.crosstalk.agent.runtime;

import java.util.Arrays;

/**
 * All sites, indexed by id. Instrumented code passes the id as an int constant; lookups are one
 * array read, registration (class-load time only) copies under a lock.
 */
public final class SiteTable {
    private volatile Site[] sites = new Site[1024];
    private int next = 1; // 0 stays unused so that an uninitialised id can never match

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
     * its method ({@code method}, from {@link #registerMethod}, or 0).
     */
    public synchronized int register(String className, String methodName, String fileName, int line,
            StaticField field, boolean readModifyWrite, String member, int method) {
        int id = next++;
        Site[] current = sites;
        if (id >= current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[id] = new Site(id, className, methodName, fileName, line, field, readModifyWrite, member, method);
        sites = current;
        return id;
    }

    /** An id for a method that can publish shared state: its exits close publication windows. */
    public int registerMethod(String className, String methodName, String fileName) {
        return register(className, methodName, fileName, 0, null, false, null, 0);
    }

    public Site get(int id) {
        Site[] current = sites;
        return id > 0 && id < current.length ? current[id] : null;
    }

    public synchronized int size() {
        return next - 1;
    }
}
