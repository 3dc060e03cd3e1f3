package dev.crosstalk.testapps.asyncjetty;

/** The customer whose export runs now: a status line for operators, and (in the bug) the export's input. */
final class Export {
    static String current;

    private Export() {
    }
}
