package dev.crosstalk.e2e.jobs;

import java.util.List;

/**
 * A worker whose messages are handled by {@link #receipt} and {@link #tick}, both named with
 * {@code entry=}, and read by {@link #report}. Both keep a time-stamped line in a static. The bug:
 * {@link #lastReceipt} holds the customer of the message last handled, and the report prints it as
 * if it were the one asked about. {@link #lastTick} holds only the clock: refreshed by whichever
 * message comes, and the same for everyone.
 */
public final class ReceiptJobs {
    /** A message: whose order it is and what was ordered. */
    public record Order(String customer, String item) {
    }

    static String lastReceipt;
    static String lastTick;

    private ReceiptJobs() {
    }

    /** One order message: time-stamps its receipt (the bug: kept in a static). */
    public static void receipt(Order order) {
        lastReceipt = "receipt for " + order.customer() + " at " + System.currentTimeMillis();
    }

    /** One heartbeat message: time-stamps the worker's last tick. */
    public static void tick(String source) {
        lastTick = "tick at " + System.currentTimeMillis();
    }

    /** The report job: the last receipt and tick. */
    public static String report() {
        return lastReceipt.substring(0, lastReceipt.indexOf(" at ")) + " / " + lastTick.substring(0, 4);
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("LISTENING port=0");
        long previous = 0;
        for (String customer : List.of("c-100", "c-200")) {
            // a millisecond after the previous tick at least, so that the two messages wrote different ticks
            while (System.currentTimeMillis() <= previous) {
                Thread.sleep(1);
            }
            receipt(new Order(customer, "book"));
            tick("heartbeat");
            previous = System.currentTimeMillis();
        }
        System.out.println(report());
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // stopped by the test (SIGTERM), which flushes the agent's findings
    }
}
