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
    public synchronized int register(String className, String methodName, String fileName, int line,
            StaticField field, boolean readModifyWrite) {
        int id = next++;
        Site[] current = sites;
        if (id >= current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[id] = new Site(id, className, methodName, fileName, line, field, readModifyWrite);
        sites = current;
        return id;
    }

    public Site get(int id) {
        Site[] current = sites;
        return id > 0 && id < current.length ? current[id] : null;
    }

    public synchronized int size() {
        return next - 1;
    }
}
