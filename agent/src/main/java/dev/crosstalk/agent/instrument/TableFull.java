package dev.crosstalk.agent.instrument;

/**
 * Thrown while rewriting a class when the site or field table has no room for what it needs: the
 * transformer then drops the half-rewritten bytes and leaves the whole class as it was. A class is
 * never instrumented in part. No stack trace: it is control flow, not a failure.
 */
final class TableFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TableFull(String what) {
        super(what, null, false, false);
    }
}
