package dev.crosstalk.testapps.remixer;

import java.util.Map;

/**
 * The sample cache as a static holder of a store object: a {@link SampleStore} (marked
 * {@code @ThreadSafe}) or its unmarked twin {@link PlainSampleStore}, keyed as in the seed.
 */
class StoreRemixer implements Remixer {

    private static final Map<String, String> MARKED_STORE = new SampleStore();
    private static final Map<String, String> PLAIN_STORE = new PlainSampleStore();

    private final boolean marked;

    StoreRemixer(boolean marked) {
        this.marked = marked;
    }

    @Override
    public String remix(Song song) {
        return SampleRendering.remix(marked ? MARKED_STORE : PLAIN_STORE, song);
    }

    static void resetMarked() {
        MARKED_STORE.clear();
    }

    static void resetPlain() {
        PLAIN_STORE.clear();
    }
}
