package dev.crosstalk.testapps.mutation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Shared state that two requests use at the same time and that must stay quiet: thread-safe types,
 * non-thread-safe ones used under one lock (a monitor, a {@code ReentrantLock}, a read-write lock
 * used properly), containers filled at start-up and only read, objects of one request (a local
 * builder and list, a builder kept per thread), a list handed from one request to the next
 * through a blocking queue, and a table one request fills and publishes by a {@code volatile} flag
 * written last while the other request, in flight at the same time, reads the flag and then the table. Every case is called by two requests of a pair, which meet before and
 * after their work so that the work of both overlaps.
 */
final class LookAlikes {
    private static final ConcurrentHashMap<String, String> CONCURRENT = new ConcurrentHashMap<>();
    private static final ConcurrentSkipListMap<String, String> SKIP_LIST = new ConcurrentSkipListMap<>();
    private static final List<String> COPY_ON_WRITE = new CopyOnWriteArrayList<>();
    private static final List<String> WRAPPED = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static final Object MONITOR = new Object();
    private static final Map<String, String> UNDER_MONITOR = new HashMap<>();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final List<String> UNDER_LOCK = new ArrayList<>();
    private static final ReadWriteLock READ_WRITE = new ReentrantReadWriteLock();
    private static final Map<String, String> UNDER_READ_WRITE = new HashMap<>();

    private static final Map<String, String> FROM_CLASS_INIT = new HashMap<>();
    private static final Map<String, String> FROM_STARTUP = new TreeMap<>();
    private static final ThreadLocal<StringBuilder> PER_THREAD = ThreadLocal.withInitial(StringBuilder::new);
    private static final BlockingQueue<List<String>> HANDOFF = new LinkedBlockingQueue<>();
    private static final RateBoard BOARD = new RateBoard();

    /** A table filled by one request and published by a {@code volatile} flag written last. */
    private static final class RateBoard {
        private final Map<String, String> rates = new HashMap<>();
        private volatile boolean ready;

        String fill() {
            rates.put("EUR", "1.10");
            rates.put("USD", "1.00");
            ready = true;
            return "filled";
        }

        String read() {
            return ready ? rates.get("EUR") + rates.keySet().size() : "not ready";
        }
    }

    static {
        FROM_CLASS_INIT.put("colour", "blue");
        UNDER_READ_WRITE.put("colour", "blue");
    }

    private LookAlikes() {
    }

    /** Called by the server before it serves: what start-up fills, requests only read. */
    static void startUp() {
        FROM_STARTUP.put("size", "large");
        FROM_STARTUP.put("shape", "round");
    }

    static String run(String name, String user, String role, String pair) throws InterruptedException {
        Interleave.together(pair, "start");
        try {
            if (name.equals("volatile-flag")) {
                return published(role, pair);
            }
            return work(name, user, role);
        } finally {
            Interleave.together(pair, "end");
        }
    }

    /** The writer fills and sets the flag before the two meet; the reader reads after they met. */
    private static String published(String role, String pair) {
        if ("write".equals(role)) {
            String filled = BOARD.fill();
            Interleave.together(pair, "published");
            return filled;
        }
        Interleave.together(pair, "published");
        return BOARD.read();
    }

    private static String work(String name, String user, String role) throws InterruptedException {
        switch (name) {
            case "concurrent-map":
                CONCURRENT.put(user, user);
                return CONCURRENT.get(user) + CONCURRENT.keySet().size();
            case "skip-list":
                SKIP_LIST.put(user, user);
                return SKIP_LIST.firstKey() + SKIP_LIST.keySet().size();
            case "copy-on-write":
                COPY_ON_WRITE.add(user);
                return String.join(",", COPY_ON_WRITE);
            case "synchronized-wrapper":
                WRAPPED.add(user);
                return WRAPPED.get(0) + WRAPPED.size();
            case "atomic":
                return String.valueOf(COUNTER.incrementAndGet());
            case "monitor":
                synchronized (MONITOR) {
                    UNDER_MONITOR.put(user, user);
                    return String.valueOf(UNDER_MONITOR.keySet().size());
                }
            case "reentrant-lock":
                LOCK.lock();
                try {
                    UNDER_LOCK.add(user);
                    return String.valueOf(UNDER_LOCK.iterator().hasNext());
                } finally {
                    LOCK.unlock();
                }
            case "read-write-lock":
                return "write".equals(role) ? writeUnderWriteLock(user) : readUnderReadLock();
            case "startup":
                return FROM_CLASS_INIT.get("colour") + FROM_STARTUP.get("size") + FROM_STARTUP.keySet().size();
            case "local":
                return local(user);
            case "thread-local":
                StringBuilder sb = PER_THREAD.get();
                sb.setLength(0);
                sb.append("<p>").append(user).append("</p>");
                return sb.toString();
            default:
                return "unknown look-alike";
        }
    }

    private static String writeUnderWriteLock(String user) {
        READ_WRITE.writeLock().lock();
        try {
            UNDER_READ_WRITE.put(user, user);
            return "written";
        } finally {
            READ_WRITE.writeLock().unlock();
        }
    }

    private static String readUnderReadLock() {
        READ_WRITE.readLock().lock();
        try {
            return UNDER_READ_WRITE.get("colour") + UNDER_READ_WRITE.keySet().size();
        } finally {
            READ_WRITE.readLock().unlock();
        }
    }

    private static String local(String user) {
        StringBuilder page = new StringBuilder();
        List<String> rows = new ArrayList<>();
        rows.add(user);
        rows.add("footer");
        for (String row : rows) {
            page.append("<li>").append(row).append("</li>");
        }
        return page.toString();
    }

    /** The first request of a hand-off: fills a list and hands it over; it never touches it again. */
    static String handOff(String user) throws InterruptedException {
        List<String> list = new ArrayList<>();
        list.add(user);
        HANDOFF.put(list);
        return "handed";
    }

    /** The next request: takes the list and goes on filling it. */
    static String takeOver() throws InterruptedException {
        List<String> list = HANDOFF.poll(10, TimeUnit.SECONDS);
        if (list == null) {
            return "nothing handed";
        }
        list.add("taken");
        return String.valueOf(list.size());
    }
}
