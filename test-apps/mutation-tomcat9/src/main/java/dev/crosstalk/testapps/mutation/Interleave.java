package dev.crosstalk.testapps.mutation;

/**
 * The two halves of "one request iterates while another changes": the iterating request stops
 * after its first element at point 1 and goes on after point 2; the changing request makes its
 * change between the two points. The shapes call these around their own loops and changes, so the
 * calls on the shared object stay in the shapes' own code.
 */
final class Interleave {
    private Interleave() {
    }

    /** Called by the iterating request after its first element. */
    static void pauseIteration(String pair) {
        Meet.at(pair, "1");
        Meet.at(pair, "2");
    }

    /** Called by the changing request: its change runs while the other request is paused. */
    static void duringIteration(String pair, Runnable change) {
        Meet.at(pair, "1");
        try {
            change.run();
        } finally {
            Meet.at(pair, "2");
        }
    }

    /** Both requests of the pair overlap from here: called first and last by look-alikes. */
    static void together(String pair, String point) {
        Meet.at(pair, point);
    }
}
