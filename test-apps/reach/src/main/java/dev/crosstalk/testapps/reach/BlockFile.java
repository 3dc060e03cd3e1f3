package dev.crosstalk.testapps.reach;

/**
 * A file's block buffer, kept for the position in the field beside it and refilled when a read falls
 * outside it, under one lock, as Spring Boot's {@code FileDataBlock} reads a jar: the buffer's size is
 * whatever the last refill got, different near the end of the file, and a later read of the same
 * block uses it. A single-entry cache, correct: the lock makes the check and the refill one step.
 */
final class BlockFile implements Blocks {
    static final int BLOCK = 4096;
    static final long LENGTH = 10_000;

    private final Object lock = new Object();
    private final byte[] buffer = new byte[BLOCK];
    private long bufferPosition = -1;
    private int bufferSize;

    @Override
    public int read(long position) {
        synchronized (lock) {
            // When the first test holds, bufferSize is not read: the refill is not an accumulation.
            if (position < bufferPosition || position >= bufferPosition + bufferSize) {
                fill(position);
            }
            return buffer[(int) (position - bufferPosition)];
        }
    }

    private void fill(long position) {
        bufferSize = (int) Math.min(BLOCK, LENGTH - position);
        for (int i = 0; i < bufferSize; i++) {
            buffer[i] = (byte) ((position + i) % 100);
        }
        bufferPosition = position;
    }
}
