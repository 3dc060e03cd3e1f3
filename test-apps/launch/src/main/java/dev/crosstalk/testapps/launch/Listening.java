package dev.crosstalk.testapps.launch;

/** The line the end-to-end harness and the bench wait for before they send a request. */
final class Listening {

    private Listening() {
    }

    static void announce(int port) {
        System.out.println("LISTENING port=" + port);
        // The harness waits for this line: none of it may stay in a buffer.
        System.out.flush();
    }
}
