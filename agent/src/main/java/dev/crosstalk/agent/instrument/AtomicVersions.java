package dev.crosstalk.agent.instrument;

/**
 * Increments of {@code AtomicInteger} and {@code AtomicLong}: a version kept in one
 * ({@code version.incrementAndGet()} before the state it versions is emptied and refilled) says "new"
 * as {@code version++} on a number field does. Sets and adds of other amounts are a number stored, not
 * a step.
 */
final class AtomicVersions {
    private AtomicVersions() {
    }

    /** The field type an incremented atomic is loaded from, or null when the call is no increment. */
    static String fieldType(String owner, String name, String descriptor) {
        boolean integer = owner.equals("java/util/concurrent/atomic/AtomicInteger") && descriptor.equals("()I");
        boolean wide = owner.equals("java/util/concurrent/atomic/AtomicLong") && descriptor.equals("()J");
        if (!(integer || wide) || !(name.equals("incrementAndGet") || name.equals("getAndIncrement"))) {
            return null;
        }
        return "L" + owner + ";";
    }
}
