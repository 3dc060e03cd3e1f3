package dev.crosstalk.testapps.asyncjetty;

/** The user the last reminder was asked for. */
final class Reminders {
    static String lastUser;

    private Reminders() {
    }
}
