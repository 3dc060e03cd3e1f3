package dev.crosstalk.testapps.reach;

/**
 * {@link BlockFile} without its lock: two requests reading different blocks at once can pair one
 * refill's position with the other's size and bytes, and serve one the other's data.
 */
final class UnlockedBlockFile implements Blocks {
    private final byte[] buffer = new byte[BlockFile.BLOCK];
    private long bufferPosition = -1;
    private int bufferSize;

    @Override
    public int read(long position) {
        if (position < bufferPosition || position >= bufferPosition + bufferSize) {
            fill(position);
        }
        return buffer[(int) (position - bufferPosition)];
    }

    private void fill(long position) {
        bufferSize = (int) Math.min(BlockFile.BLOCK, BlockFile.LENGTH - position);
        for (int i = 0; i < bufferSize; i++) {
            buffer[i] = (byte) ((position + i) % 100);
        }
        bufferPosition = position;
    }
}
