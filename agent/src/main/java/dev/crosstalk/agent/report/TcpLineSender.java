package dev.crosstalk.agent.report;

import dev.crosstalk.bootstrap.Hooks;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends lines to a TCP input (Logstash, Fluentd, Vector) from one daemon thread: {@link #offer} only
 * queues, so callers never wait for the network. Each line is the latest state of something named by a
 * key (a finding, by its fingerprint); that is what lets the sender make up for lines that were lost.
 *
 * <p>While the input is away the sender reconnects with a backoff from 100 ms to 5 s, and the queue
 * holds at most {@code capacity} lines: when it is full the oldest line is dropped and counted.
 *
 * <p><b>Guarantee.</b> TCP has no application-level acknowledgement: lines written into a socket whose
 * peer has just died are accepted by the kernel and lost. The sender checks for a peer that closed the
 * connection while it is idle and before writing after a pause, which avoids that when an input is
 * restarted or killed; a peer that vanishes without a word (a network failure) is only noticed when a
 * write fails. So on every reconnection the sender first
 * re-sends ("resync") the latest line of every key whose latest line had already gone into a socket, and
 * only then goes on with the queue. A key whose latest line was dropped from a full queue is re-sent the
 * same way as soon as the sender is connected. As a result, once the input is reachable again it holds
 * the latest line of every key; a key's lines arrive in the order they were offered, except that a line
 * may arrive twice (once before a connection broke, once re-sent). The line that is first for its key
 * ({@code first}) is the first one that went into a socket, so it may be among the lost.
 */
final class TcpLineSender<T> {

    /** How queued items become lines. */
    interface Lines<T> {
        /**
         * The bytes of one line for {@code item}, ending with '\n'. {@code first}: no line of this key went
         * into a socket before. {@code resent}: part of a resync, restoring state that may have been lost.
         */
        byte[] line(T item, boolean first, boolean resent) throws Exception;
    }

    static final long MIN_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    /** A connection that lasted this long was a real one: the next failure starts the backoff again. */
    private static final long STABLE_MILLIS = 1_000;

    private static final int QUEUED = 0;
    private static final int WRITTEN = 1;
    private static final int DROPPED = 2;

    private final String host;
    private final int port;
    private final int capacity;
    private final long idleProbeMillis;
    private final Lines<T> lines;
    private final Thread thread;

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Entry<T>> queue = new ArrayDeque<>();
    /** One per key ever offered: as many as there are findings, which the registry caps. */
    private final Map<String, Slot<T>> slots = new LinkedHashMap<>();
    private boolean resendWritten;
    private boolean resendDropped;
    /** Lines taken from the queue and not yet flushed to the socket. */
    private boolean busy;
    private boolean closing;
    private long dropped;
    private long unsent;

    private volatile boolean stopped;
    private volatile Socket socket;
    /** The open connection, or null. */
    private volatile Socket connection;

    /**
     * @param capacity        how many lines the queue holds
     * @param idleProbeMillis how often an idle connection is checked for a peer that closed it (it is also
     *                        checked whenever lines come after a pause), so that they go to a new
     *                        connection rather than into a dead one; 0 never checks, for tests of what
     *                        happens when a dead peer goes unnoticed (a network that drops everything)
     */
    TcpLineSender(String host, int port, int capacity, long idleProbeMillis, Lines<T> lines) {
        this.host = host;
        this.port = port;
        this.capacity = capacity;
        this.idleProbeMillis = idleProbeMillis;
        this.lines = lines;
        this.thread = new Thread(this::run, "crosstalk-json-tcp");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues the latest line of {@code key}; never blocks on the network. */
    void offer(String key, T item) {
        synchronized (lock) {
            if (stopped) {
                unsent++;
                return;
            }
            Slot<T> slot = slots.computeIfAbsent(key, k -> new Slot<>());
            slot.latest = item;
            slot.state = QUEUED;
            if (queue.size() >= capacity) {
                Entry<T> oldest = queue.pollFirst();
                dropped++;
                // A newer line of the same key still queued carries its state; otherwise it must be re-sent.
                if (oldest.slot.latest == oldest.item) {
                    oldest.slot.state = DROPPED;
                    resendDropped = true;
                }
            }
            queue.addLast(new Entry<>(slot, item));
            lock.notifyAll();
        }
    }

    /** Whether a connection to the input is open (the input may have died without it being noticed yet). */
    boolean connected() {
        return connection != null;
    }

    /** Lines dropped because the queue was full. */
    long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Lines still queued when {@link #close} gave up, or offered after it. */
    long unsent() {
        synchronized (lock) {
            return unsent;
        }
    }

    /**
     * Gives the sender up to {@code maxMillis} to deliver what is queued (reconnecting and re-sending if
     * needed), then stops it and closes the connection.
     */
    void close(long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
            try {
                while (!drained()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    lock.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unsent += queue.size();
            queue.clear();
            stopped = true;
            lock.notifyAll();
        }
        closeQuietly(socket); // a write blocked on a peer that does not read ends here
        try {
            thread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean drained() {
        return queue.isEmpty() && !busy && !resendWritten && !resendDropped;
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        while (!stopped) {
            try {
                Socket s = connect();
                if (s == null) {
                    pause(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                    continue;
                }
                long since = System.nanoTime();
                connection = s;
                try {
                    pump(s);
                } catch (IOException e) {
                    // The input went away; what went into this connection may be lost, see connectionEnded.
                } finally {
                    connection = null;
                    closeQuietly(s);
                    connectionEnded();
                }
                if (System.nanoTime() - since >= STABLE_MILLIS * 1_000_000) {
                    backoff = MIN_BACKOFF_MILLIS;
                } else {
                    pause(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                Hooks.error(t);
                try {
                    pause(backoff);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private Socket connect() {
        Socket s = new Socket();
        socket = s;
        if (stopped) {
            return null;
        }
        try {
            // Resolved on every attempt: the input may come back at another address.
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout(1); // for the idle probe only; inputs send nothing back
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            return null;
        }
    }

    private void pump(Socket s) throws IOException, InterruptedException {
        OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
        InputStream in = s.getInputStream();
        while (!stopped) {
            for (Entry<T> e : takeResync()) {
                write(out, e);
            }
            Entry<T> next = take();
            if (next != null) {
                write(out, next);
                continue;
            }
            out.flush();
            awaitWork();
            // Before writing into it again: an input that closed the connection while it was idle would
            // leave the next lines in a dead socket (to be re-sent later, but 'first' ones would be spent).
            if (idleProbeMillis > 0 && peerClosed(in)) {
                return;
            }
        }
    }

    private void write(OutputStream out, Entry<T> e) throws IOException {
        byte[] line;
        try {
            line = lines.line(e.item, e.first, e.resent);
        } catch (Throwable t) {
            Hooks.error(t);
            return;
        }
        out.write(line);
    }

    /** The latest line of each key that may have been lost, marked as re-sent; empty when none is needed. */
    private List<Entry<T>> takeResync() {
        synchronized (lock) {
            if (!resendWritten && !resendDropped) {
                return List.of();
            }
            List<Entry<T>> resync = new ArrayList<>();
            for (Slot<T> slot : slots.values()) {
                if (slot.state == DROPPED || (resendWritten && slot.state == WRITTEN)) {
                    Entry<T> e = new Entry<>(slot, slot.latest);
                    e.resent = true;
                    sending(e);
                    resync.add(e);
                }
            }
            resendWritten = false;
            resendDropped = false;
            return resync;
        }
    }

    private Entry<T> take() {
        synchronized (lock) {
            Entry<T> e = queue.pollFirst();
            if (e != null) {
                sending(e);
            }
            return e;
        }
    }

    /** Marks {@code e} as going into the socket now. Called holding the lock. */
    private void sending(Entry<T> e) {
        e.first = !e.slot.announced;
        e.slot.announced = true;
        if (e.slot.latest == e.item) {
            e.slot.state = WRITTEN;
        }
        busy = true;
    }

    /** Everything written is flushed: waits for more, or at most until the next idle probe is due. */
    private void awaitWork() throws InterruptedException {
        synchronized (lock) {
            busy = false;
            lock.notifyAll(); // close() may be waiting for this
            if (queue.isEmpty() && !resendDropped && !stopped) {
                lock.wait(idleProbeMillis); // 0: no probes, wait for work
            }
        }
    }

    private void connectionEnded() {
        synchronized (lock) {
            resendWritten = true;
            busy = false;
            lock.notifyAll();
        }
    }

    /** Waits {@code millis}; once closing, at most {@link #MIN_BACKOFF_MILLIS}, and not at all when close() just began. */
    private void pause(long millis) throws InterruptedException {
        synchronized (lock) {
            boolean closingAtStart = closing;
            long end = System.nanoTime() + (closing ? MIN_BACKOFF_MILLIS : millis) * 1_000_000;
            while (!stopped && closing == closingAtStart) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Whether the input closed an idle connection; it sends nothing, so any bytes it does send are ignored. */
    private static boolean peerClosed(InputStream in) {
        try {
            return in.read(new byte[256]) < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Nothing more can be done with it.
            }
        }
    }

    /** A key's latest item, and how far it got. */
    private static final class Slot<T> {
        T latest;
        int state;
        /** A line of this key went into a socket. */
        boolean announced;
    }

    /** A line to send: a key's item at one moment. */
    private static final class Entry<T> {
        final Slot<T> slot;
        final T item;
        boolean first;
        boolean resent;

        Entry(Slot<T> slot, T item) {
            this.slot = slot;
            this.item = item;
        }
    }
}
