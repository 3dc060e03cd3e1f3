package dev.crosstalk.agent.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosstalk.bootstrap.Hooks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP sender against real sockets. Items are strings whose first letter is the key ("a2" is the
 * second state of key a); a line is the item, then " first" and " resent" when the sender says so.
 */
class TcpLineSenderTest {
    private static final TcpLineSender.Lines<String> LINES = (item, first, resent) ->
            (item + (first ? " first" : "") + (resent ? " resent" : "") + "\n").getBytes(UTF_8);
    private static final long NO_PROBE = 0;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void reconnectsWhenTheInputComesBackOnTheSamePortAndResendsWhatMayHaveBeenLost() throws Exception {
        LineServer first = server(0);
        int port = first.port();
        TcpLineSender<String> sender = sender(port, 100, 20, LINES);
        offer(sender, "a1", "b1");
        assertEquals(List.of("a1 first", "b1 first"), first.await(l -> l.size() >= 2));

        first.close();
        awaitDisconnected(sender);
        offer(sender, "a2", "c1"); // queued while the input is away
        LineServer second = server(port);

        // b1 went into the dead connection's socket, so it is re-sent first; a's latest state (a2) and
        // c1 are still queued and follow in order, c1 as the first line of its key.
        assertEquals(List.of("b1 resent", "a2", "c1 first"), second.await(l -> l.size() >= 3));
        assertEquals(List.of("a1 first", "b1 first"), first.lines(), "nothing more reached the dead input");
        assertEquals(1, second.connections().size());
        sender.close(2000);
        assertEquals(List.of(0L, 0L), List.of(sender.dropped(), sender.unsent()));
    }

    @Test
    void aLineWrittenIntoADeadConnectionIsResentOnTheNextOne() throws Exception {
        LineServer first = server(0);
        int port = first.port();
        // Without probes the sender only learns that the input died when a write fails, as when the network
        // between them drops everything.
        TcpLineSender<String> sender = sender(port, 100, NO_PROBE, LINES);
        offer(sender, "a1", "b1");
        assertEquals(List.of("a1 first", "b1 first"), first.await(l -> l.size() >= 2));
        first.close();
        LineServer second = server(port);

        offer(sender, "a2"); // the kernel takes it for a connection whose peer is gone: lost
        for (int i = 0; second.lines().isEmpty() && i < 500; i++) {
            sender.offer("t", "t" + i); // a later write fails, and the sender reconnects
            Thread.sleep(20);
        }
        List<String> got = second.await(l -> l.contains("a2 resent") && l.contains("b1 resent"));
        assertTrue(got.contains("a2 resent") && got.contains("b1 resent"), "a2 and b1 re-sent: " + got);
        assertFalse(first.lines().stream().anyMatch(l -> l.startsWith("a2")), "a2 was lost the first time");
        List<List<String>> connections = second.connections();
        assertEquals(1, connections.size(), "one connection: " + connections);
        assertResyncComesFirst(connections.get(0));
        sender.close(2000);
    }

    @Test
    void aFullQueueDropsTheOldestCountsItAndResendsTheLatestStateOfItsKey() throws Exception {
        int port = LineServer.freePort();
        TcpLineSender<String> sender = sender(port, 3, 20, LINES);
        offer(sender, "a1", "b1", "c1", "d1", "e1");
        assertEquals(2, sender.dropped());

        LineServer server = server(port);
        // a1 and b1 never went out: re-sent as soon as the sender is connected, still as first lines.
        assertEquals(List.of("a1 first resent", "b1 first resent", "c1 first", "d1 first", "e1 first"),
                server.await(l -> l.size() >= 5));
        sender.close(2000);
    }

    @Test
    void aDroppedLineWhoseKeyHasANewerOneQueuedNeedsNoResend() throws Exception {
        int port = LineServer.freePort();
        TcpLineSender<String> sender = sender(port, 3, 20, LINES);
        offer(sender, "a1", "a2", "a3", "b1");
        assertEquals(1, sender.dropped());

        LineServer server = server(port);
        assertEquals(List.of("a2 first", "a3", "b1 first"), server.await(l -> l.size() >= 3));
        sender.close(2000);
        assertEquals(List.of("a2 first", "a3", "b1 first"), server.lines(), "nothing else was sent");
    }

    @Test
    void offersNeverWaitForAnInputThatStoppedReadingAndCloseGivesUp() throws Exception {
        LineServer stuck = server(0, false);
        String pad = "x".repeat(16 * 1024);
        TcpLineSender<String> sender = sender(stuck.port(), 100, 20, (item, first, resent) -> (item + pad + "\n")
                .getBytes(UTF_8));
        long start = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
            sender.offer("k" + i, "k" + i);
        }
        long offerMillis = (System.nanoTime() - start) / 1_000_000;
        // 80 MB cannot fit in the sockets' buffers: the sender is stuck in a write while the offers go on.
        assertTrue(sender.dropped() > 0, "the queue overflowed: the sender could not keep up");
        assertTrue(offerMillis < 2000, "5000 offers took " + offerMillis + " ms");

        start = System.nanoTime();
        sender.close(300);
        long closeMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(closeMillis < 2000, "close gave up after " + closeMillis + " ms");
        assertTrue(sender.unsent() > 0, "what was still queued is counted as not sent");
    }

    @Test
    void closeDeliversWhatIsQueued() throws Exception {
        LineServer server = server(0);
        TcpLineSender<String> sender = sender(server.port(), 10_000, 20, LINES);
        List<String> expected = IntStream.range(0, 2000).mapToObj(i -> "k" + i).collect(Collectors.toList());
        expected.forEach(item -> sender.offer(item, item));
        sender.close(2000);
        assertEquals(expected.stream().map(i -> i + " first").collect(Collectors.toList()),
                server.await(l -> l.size() >= expected.size()));
        assertEquals(0, sender.unsent());
    }

    @Test
    void closeWithoutAnInputGivesUpInTime() throws Exception {
        TcpLineSender<String> sender = sender(LineServer.freePort(), 100, 20, LINES);
        offer(sender, "a1", "b1", "c1");
        long start = System.nanoTime();
        sender.close(300);
        long closeMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(closeMillis >= 250 && closeMillis < 2000, "close tried for its time, then gave up: "
                + closeMillis + " ms");
        assertEquals(3, sender.unsent());
    }

    @Test
    void aLineThatCannotBeEncodedIsAnAgentErrorAndTheOthersGoOn() throws Exception {
        LineServer server = server(0);
        TcpLineSender<String> sender = sender(server.port(), 100, 20, (item, first, resent) -> {
            if (item.equals("b1")) {
                throw new IllegalStateException("cannot encode " + item);
            }
            return LINES.line(item, first, resent);
        });
        long errors = Hooks.errors();
        offer(sender, "a1", "b1", "c1");
        assertEquals(List.of("a1 first", "c1 first"), server.await(l -> l.size() >= 2));
        assertEquals(errors + 1, Hooks.errors());
        sender.close(2000);
    }

    private LineServer server(int port) throws Exception {
        return server(port, true);
    }

    private LineServer server(int port, boolean reading) throws Exception {
        LineServer s = new LineServer(port, reading);
        open.add(s);
        return s;
    }

    private TcpLineSender<String> sender(int port, int capacity, long probeMillis, TcpLineSender.Lines<String> lines) {
        TcpLineSender<String> s = new TcpLineSender<>("127.0.0.1", port, capacity, probeMillis, lines);
        s.start();
        open.add(() -> s.close(0));
        return s;
    }

    private static void offer(TcpLineSender<String> sender, String... items) {
        for (String item : items) {
            sender.offer(item.substring(0, 1), item);
        }
    }

    private static void awaitDisconnected(TcpLineSender<String> sender) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sender.connected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(sender.connected(), "the sender noticed that the input closed the connection");
    }

    /** Re-sent lines come before every other line of a connection. */
    private static void assertResyncComesFirst(List<String> lines) {
        int firstOther = IntStream.range(0, lines.size()).filter(i -> !lines.get(i).endsWith(" resent")).findFirst()
                .orElse(lines.size());
        assertTrue(lines.subList(firstOther, lines.size()).stream().noneMatch(l -> l.endsWith(" resent")),
                "re-sent lines first: " + lines);
    }
}
