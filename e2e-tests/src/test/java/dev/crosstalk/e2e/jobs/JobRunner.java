package dev.crosstalk.e2e.jobs;

import java.util.List;

/**
 * A message-driven worker with no HTTP at all: each message is handled by {@link #handle}, the
 * request boundary crosstalk learns from {@code entry=}. The bug: the customer of the message being
 * handled is kept in a static, and the audit job that runs after two messages reports the second
 * customer as the first one's.
 */
public final class JobRunner {
    static String currentCustomer;

    private JobRunner() {
    }

    /** One message: remember whose it is (the bug), do the work. */
    public static void handle(String customer) {
        currentCustomer = customer;
    }

    /** The audit job: reads whose message was last handled. */
    public static String audit() {
        return "audited " + currentCustomer;
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("LISTENING port=0");
        for (String customer : List.of("c-100", "c-200")) {
            handle(customer);
        }
        System.out.println(audit());
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // stopped by the test (SIGTERM), which flushes the agent's findings
    }
}
