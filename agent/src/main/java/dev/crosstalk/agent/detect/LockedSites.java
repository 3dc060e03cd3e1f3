package dev.crosstalk.agent.detect;

import dev.crosstalk.agent.state.Site;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.BitSet;

/**
 * Whether the thread running a site holds a lock there, asked of the JVM once per site. Asking takes a
 * thread dump, a safepoint that stops every thread; a site's code takes the same locks each time it
 * runs, so the first answer stands for the site. Asked per occurrence instead, a request that makes its
 * session's first attribute and then fills it (a cart) cost one safepoint per new session, and a soak
 * of 100,000 sessions spent most of its CPU in the VM thread.
 */
final class LockedSites {
    private final BitSet asked = new BitSet();
    private final BitSet held = new BitSet();

    /** Whether the current thread, running {@code site}, holds a monitor or an ownable lock; by the site's first answer. */
    boolean underLock(Site site) {
        int id = site == null ? -1 : site.id();
        if (id > 0) {
            synchronized (asked) {
                if (asked.get(id)) {
                    return held.get(id);
                }
            }
        }
        boolean answer = heldByCurrentThread();
        if (id > 0) {
            synchronized (asked) {
                asked.set(id);
                held.set(id, answer);
            }
        }
        return answer;
    }

    /** The thread bean, made at the first question: the management classes cost a hundred class loads at start-up. */
    private static final class Threads {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }

    /** Whether the current thread holds any monitor or ownable java.util.concurrent lock (a thread dump). */
    static boolean heldByCurrentThread() {
        ThreadMXBean threads = Threads.BEAN;
        ThreadInfo[] info = threads.getThreadInfo(new long[] {Thread.currentThread().getId()},
                threads.isObjectMonitorUsageSupported(), threads.isSynchronizerUsageSupported());
        if (info.length == 0 || info[0] == null) {
            return false;
        }
        return info[0].getLockedMonitors().length > 0 || info[0].getLockedSynchronizers().length > 0;
    }
}
